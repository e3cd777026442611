/**
 * The family tree of an image laid out for drawing. The API's lineage (`GET /api/v1/images/{id}/lineage`: ancestors
 * oldest first, the image, its descendants nested) says where the image sits; the tree drawn is the whole family
 * of its oldest ancestor (that ancestor's lineage), so sisters and cousins are there to navigate to as well. Each
 * generation is a row, each node centred over its children, leaves side by side in the order they were made.
 */
import type { StudioImage } from "@/components/api/types";

export type LineageNode = StudioImage & { children: LineageNode[] };

export interface Lineage {
  ancestors: StudioImage[];
  image: StudioImage;
  descendants: LineageNode[];
}

/** What the tree draws: the family from its oldest ancestor, and where the page's image is in it. */
export interface Family {
  /** The oldest ancestor with every descendant, nested (the image itself when it has no ancestors). */
  root: LineageNode;
  currentId: string;
  ancestorIds: string[];
  descendantIds: string[];
}

/** The family of `lineage.image`, from its lineage and (when it has ancestors) the lineage of its oldest one. */
export function familyOf(lineage: Lineage, rootLineage?: Lineage): Family {
  const ids = (nodes: LineageNode[]): string[] => nodes.flatMap((n) => [n.id, ...ids(n.children)]);
  const top = rootLineage && lineage.ancestors.length ? rootLineage : lineage;
  return {
    root: { ...top.image, children: top.descendants },
    currentId: lineage.image.id,
    ancestorIds: lineage.ancestors.map((a) => a.id),
    descendantIds: ids(lineage.descendants),
  };
}

export interface PlacedNode {
  image: StudioImage;
  /** 0 for the oldest ancestor. */
  depth: number;
  /** Left edge, in pixels. */
  x: number;
  y: number;
  parentId: string | null;
  childIds: string[];
  /** Position among its siblings, 1-based, and how many they are (for screen readers). */
  position: number;
  siblings: number;
  /** How it relates to the page's image; "relative" for the other branches (sisters, cousins). */
  relation: "ancestor" | "current" | "descendant" | "relative";
}

export interface TreeLayout {
  nodes: PlacedNode[];
  byId: Map<string, PlacedNode>;
  width: number;
  height: number;
  generations: number;
  /** True when the tree had more images than are drawn. */
  truncated: boolean;
}

export const nodeWidth = 112;
export const nodeHeight = 132;
export const gapX = 20;
/** Room between generations for the connector and its operation label. */
export const gapY = 56;

/** At most this many images are drawn (the API answers up to 1,000 descendants). */
export const maxNodes = 400;

interface Draft {
  image: StudioImage;
  children: Draft[];
}

export function layoutFamily(family: Family): TreeLayout {
  // The line of descent and the image come first, so they are drawn even when a huge family is cut short.
  const mustKeep = new Set([...family.ancestorIds, family.currentId]);
  let budget = maxNodes - mustKeep.size;
  let truncated = false;
  const fromNode = (n: LineageNode): Draft => {
    const children: Draft[] = [];
    for (const child of n.children) {
      if (!mustKeep.has(child.id)) {
        if (budget <= 0) {
          truncated = true;
          continue;
        }
        budget--;
      }
      children.push(fromNode(child));
    }
    const { children: _nested, ...image } = n;
    return { image, children };
  };
  const root = fromNode(family.root);
  const ancestors = new Set(family.ancestorIds);
  const descendants = new Set(family.descendantIds);
  const relationOf = (id: string): PlacedNode["relation"] =>
    id === family.currentId ? "current" : ancestors.has(id) ? "ancestor" : descendants.has(id) ? "descendant" : "relative";

  const nodes: PlacedNode[] = [];
  let nextSlot = 0;
  let deepest = 0;
  const place = (draft: Draft, depth: number, parentId: string | null, position: number, siblings: number): number => {
    deepest = Math.max(deepest, depth);
    const index = nodes.length;
    nodes.push({ image: draft.image, depth, x: 0, y: depth * (nodeHeight + gapY), parentId, childIds: draft.children.map((c) => c.image.id), position, siblings, relation: relationOf(draft.image.id) });
    let slot: number;
    if (!draft.children.length) {
      slot = nextSlot++;
    } else {
      const slots = draft.children.map((c, i) => place(c, depth + 1, draft.image.id, i + 1, draft.children.length));
      slot = (slots[0] + slots[slots.length - 1]) / 2;
    }
    nodes[index].x = slot * (nodeWidth + gapX);
    return slot;
  };
  place(root, 0, null, 1, 1);
  return {
    nodes,
    byId: new Map(nodes.map((n) => [n.image.id, n])),
    width: Math.max(1, nextSlot) * (nodeWidth + gapX) - gapX,
    height: (deepest + 1) * (nodeHeight + gapY) - gapY,
    generations: deepest + 1,
    truncated,
  };
}

/** The node the arrow keys move to from `from`: up to the parent, down to the middle child, sideways in its row. */
export function neighbour(layout: TreeLayout, from: PlacedNode, key: string): PlacedNode | undefined {
  switch (key) {
    case "ArrowUp":
      return from.parentId ? layout.byId.get(from.parentId) : undefined;
    case "ArrowDown":
      return from.childIds.length ? layout.byId.get(from.childIds[Math.floor((from.childIds.length - 1) / 2)]) : undefined;
    case "ArrowLeft":
    case "ArrowRight": {
      const row = layout.nodes.filter((n) => n.depth === from.depth).sort((a, b) => a.x - b.x);
      return row[row.indexOf(from) + (key === "ArrowRight" ? 1 : -1)];
    }
    case "Home":
      return layout.nodes[0];
    case "End":
      return layout.nodes.filter((n) => n.depth === layout.generations - 1).sort((a, b) => a.x - b.x).at(-1);
    default:
      return undefined;
  }
}
