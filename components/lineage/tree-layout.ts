/**
 * The family of an image laid out for drawing. An image can have several parents (its source, references, a
 * mask), so the family is a graph: `GET /api/v1/images/{id}/lineage` answers its nodes (each image once) and
 * edges. The family drawn is the union of the page image's lineage and that of its oldest source ancestor, so
 * sisters and cousins are there to navigate to, and references appear as extra parents. Each image is drawn once,
 * a row per layer (graph-order.ts); a tree looks exactly as the family tree always did.
 */
import type { LineageEdge, ParentRole, StudioImage } from "@/components/api/types";
import type { LineageDto, LineageNodeDto } from "@/lib/images/dto-types";
import { isDummy, layeredLayout } from "./graph-order";

export type LineageNode = LineageNodeDto;

/** The server's lineage (lib/images/dto-types.ts); its graph (`nodes`, `edges`) is absent from older servers: then read from the tree view. */
export type Lineage = Omit<LineageDto, "nodes" | "edges"> & Partial<Pick<LineageDto, "nodes" | "edges">>;

/** What the graph draws: every image once, the edges between them, and which one is the page's. */
export interface Family {
  nodes: StudioImage[];
  edges: LineageEdge[];
  currentId: string;
}

const roleRank: Record<ParentRole, number> = { source: 0, reference: 1, mask: 2 };
/** Parents in the order a person reads them: the source, the references in order, the mask. */
export const byRole = (a: LineageEdge, b: LineageEdge) => roleRank[a.role] - roleRank[b.role] || a.position - b.position;

/** A lineage's nodes and edges; from an older server, its ancestor chain and nested descendants as source edges. */
export function graphOf(lineage: Lineage): { nodes: StudioImage[]; edges: LineageEdge[] } {
  if (lineage.nodes && lineage.edges) return { nodes: lineage.nodes, edges: lineage.edges };
  const source = (parent: string, child: string): LineageEdge => ({ parent, child, role: "source", position: 0, label: null });
  const chain = [...lineage.ancestors, lineage.image];
  const nodes: StudioImage[] = [...chain];
  const edges = chain.slice(1).map((image, i) => source(chain[i].id, image.id));
  const walk = (parent: string, children: LineageNode[]) => {
    for (const { children: nested, ...child } of children) {
      nodes.push(child);
      edges.push(source(parent, child.id));
      walk(child.id, nested);
    }
  };
  walk(lineage.image.id, lineage.descendants);
  return { nodes, edges };
}

/** The oldest ancestor reached through sources alone (the image itself when it has no source). */
export function sourceRootOf(lineage: Lineage): string {
  const { edges } = graphOf(lineage);
  const seen = new Set<string>();
  let id = lineage.image.id;
  for (;;) {
    seen.add(id);
    const up = edges.find((e) => e.child === id && e.role === "source");
    if (!up || seen.has(up.parent)) return id;
    id = up.parent;
  }
}

/** The family of `lineage.image`: its lineage, with (when it has a source ancestor) that ancestor's lineage. */
export function familyOf(lineage: Lineage, rootLineage?: Lineage): Family {
  const nodes = new Map<string, StudioImage>();
  const edges = new Map<string, LineageEdge>();
  for (const part of rootLineage ? [lineage, rootLineage] : [lineage]) {
    const graph = graphOf(part);
    for (const n of graph.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n);
    for (const e of graph.edges) edges.set(`${e.parent} ${e.child} ${e.role} ${e.position}`, e);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], currentId: lineage.image.id };
}

/** 1 for an image made from nothing, else one more than its deepest parent (the row it is drawn in, counted from 1). */
export function generationOf(lineage: Lineage): number {
  const { edges } = graphOf(lineage);
  const memo = new Map<string, number>();
  const depth = (id: string, path: Set<string>): number => {
    if (memo.has(id)) return memo.get(id)!;
    const parents = edges.filter((e) => e.child === id && !path.has(e.parent));
    const d = parents.length ? 1 + Math.max(...parents.map((e) => depth(e.parent, new Set([...path, id])))) : 1;
    memo.set(id, d);
    return d;
  };
  return depth(lineage.image.id, new Set());
}

export type Relation = "ancestor" | "current" | "descendant" | "relative";

export interface PlacedNode {
  image: StudioImage;
  /** The layer, 0 for the roots. */
  depth: number;
  /** Left edge and top, in pixels. */
  x: number;
  y: number;
  /** Its drawn parents, source first; its drawn children, left to right. */
  parentIds: string[];
  childIds: string[];
  /** Place in its row, 1-based, and how many the row holds (for screen readers). */
  position: number;
  siblings: number;
  /** How it relates to the page's image; "relative" for the other branches (sisters, cousins). */
  relation: Relation;
}

export interface PlacedEdge extends LineageEdge {
  /** SVG path from the parent's bottom to the child's top, around the rows between. */
  d: string;
  /** Where the operation's label goes (source edges): on the edge's midpoint when short, else near its parent. */
  labelAt: { x: number; y: number };
  /** Where a reference's label ("Ref 1 · …") goes: on the edge near its child, just above the child's row. */
  childLabelAt: { x: number; y: number };
  /** On the line of descent down to the page's image. */
  descent: boolean;
}

export interface TreeLayout {
  /** Row by row, left to right. */
  nodes: PlacedNode[];
  byId: Map<string, PlacedNode>;
  edges: PlacedEdge[];
  width: number;
  height: number;
  generations: number;
  /** True when the family had more images than are drawn. */
  truncated: boolean;
}

export const nodeWidth = 112;
export const nodeHeight = 132;
export const gapX = 20;
/** Room between rows for the connectors and their operation labels. */
export const gapY = 56;
/** Room a long edge takes passing through a row. */
const laneWidth = 16;

/** At most this many images are drawn (the API answers up to 1,000 descendants). */
export const maxNodes = 400;

const rowTop = (depth: number) => depth * (nodeHeight + gapY);

/** Walks the edges from `start` (excluded) upwards or downwards. */
function reach(start: string, edges: LineageEdge[], up: boolean): Set<string> {
  const found = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const id = stack.pop()!;
    for (const e of edges) {
      const [from, to] = up ? [e.child, e.parent] : [e.parent, e.child];
      if (from === id && !found.has(to) && to !== start) stack.push(to), found.add(to);
    }
  }
  return found;
}

/** The images drawn when the family is too big: the page's image and its ancestors, then the nearest relatives. */
function keep(family: Family, ancestors: Set<string>, oldestFirst: StudioImage[]): Set<string> {
  const kept = new Set([family.currentId, ...ancestors]);
  const neighbours = new Map<string, string[]>(oldestFirst.map((n) => [n.id, []]));
  for (const e of family.edges) neighbours.get(e.parent)?.push(e.child), neighbours.get(e.child)?.push(e.parent);
  const queue = [family.currentId, ...ancestors];
  while (queue.length && kept.size < maxNodes) {
    for (const next of neighbours.get(queue.shift()!) ?? []) {
      if (kept.size >= maxNodes) break;
      if (!kept.has(next)) kept.add(next), queue.push(next);
    }
  }
  return kept;
}

/** The point at `t` of the curve drawn across a gap from `a` down to `b` (control points at mid-height). */
function along([x1, y1]: [number, number], [x2, y2]: [number, number], t: number) {
  return { x: x1 + (x2 - x1) * (3 * t * t - 2 * t * t * t), y: y1 + (y2 - y1) * (1.5 * t * (1 - t) + t * t * t) };
}

export function layoutFamily(family: Family): TreeLayout {
  const oldestFirst = [...family.nodes].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const present = new Set(oldestFirst.map((n) => n.id));
  const allEdges = family.edges.filter((e) => present.has(e.parent) && present.has(e.child));
  const ancestors = reach(family.currentId, allEdges, true);
  const descendants = reach(family.currentId, allEdges, false);
  const truncated = oldestFirst.length > maxNodes;
  const kept = truncated ? keep({ ...family, edges: allEdges }, ancestors, oldestFirst) : present;
  const images = oldestFirst.filter((n) => kept.has(n.id));
  const edges = allEdges.filter((e) => kept.has(e.parent) && kept.has(e.child)).sort(byRole);

  const graph = layeredLayout(
    images.map((n) => n.id),
    edges.map((e) => ({ ...e, rank: roleRank[e.role] * 1000 + e.position })),
    { node: nodeWidth, gap: gapX, dummy: laneWidth },
  );
  const relationOf = (id: string): Relation =>
    id === family.currentId ? "current" : ancestors.has(id) ? "ancestor" : descendants.has(id) ? "descendant" : "relative";
  const byImage = new Map(images.map((n) => [n.id, n]));
  const nodes: PlacedNode[] = graph.layers.flatMap((layer, depth) => {
    const row = layer.filter((item) => !isDummy(item));
    return row.map((id, i) => ({
      image: byImage.get(id)!,
      depth,
      x: graph.x.get(id)! - nodeWidth / 2,
      y: rowTop(depth),
      parentIds: [...new Set(edges.filter((e) => e.child === id).map((e) => e.parent))],
      childIds: [...new Set(edges.filter((e) => e.parent === id).map((e) => e.child))].sort((a, b) => graph.x.get(a)! - graph.x.get(b)!),
      position: i + 1,
      siblings: row.length,
      relation: relationOf(id),
    }));
  });

  // Edges leave a parent from the middle of its bottom (as a tree always did); several arriving at a child fan out
  // along its top, in the order of where they come from, so each parent's line stays apart.
  const ports = new Map<string, number>();
  const fan = (node: string, ends: Array<{ key: string; towards: number }>) => {
    ends.sort((a, b) => a.towards - b.towards);
    const spread = Math.min(nodeWidth / 2, (ends.length - 1) * 14);
    ends.forEach((end, k) => ports.set(end.key, graph.x.get(node)! + (ends.length > 1 ? -spread / 2 + (k * spread) / (ends.length - 1) : 0)));
  };
  for (const node of nodes) {
    const id = node.image.id;
    const routes = graph.routes.map((route, i) => ({ route, i })).filter(({ route }) => route.length);
    for (const { i } of routes.filter(({ route }) => route[0] === id)) ports.set(`out ${i}`, graph.x.get(id)!);
    fan(id, routes.filter(({ route }) => route.at(-1) === id).map(({ route, i }) => ({ key: `in ${i}`, towards: graph.x.get(route.at(-2)!)! })));
  }
  const lineOfDescent = new Set([family.currentId, ...ancestors]);
  const placedEdges: PlacedEdge[] = edges.flatMap((edge, i) => {
    const route = graph.routes[i];
    if (!route.length) return [];
    const points: Array<[number, number]> = [[ports.get(`out ${i}`)!, rowTop(graph.layerOf.get(edge.parent)!) + nodeHeight]];
    for (const item of route.slice(1, -1)) {
      const depth = Number(item.split(":")[1]);
      points.push([graph.x.get(item)!, rowTop(depth)], [graph.x.get(item)!, rowTop(depth) + nodeHeight]);
    }
    const end: [number, number] = [ports.get(`in ${i}`)!, rowTop(graph.layerOf.get(edge.child)!)];
    points.push(end);
    let d = `M ${points[0][0]} ${points[0][1]}`;
    for (let k = 1; k < points.length; k++) {
      const [[x1, y1], [x2, y2]] = [points[k - 1], points[k]];
      const mid = (y1 + y2) / 2;
      // Across a gap between rows a smooth curve; through a row (a waypoint) straight down.
      d += k % 2 === 1 ? ` C ${x1} ${mid}, ${x2} ${mid}, ${x2} ${y2}` : ` L ${x2} ${y2}`;
    }
    const labelAt = along(points[0], points[1], Math.abs(points[1][0] - points[0][0]) <= nodeWidth + gapX ? 0.45 : 0.25);
    const childLabelAt = along(points.at(-2)!, end, 0.85);
    return [{ ...edge, d, labelAt, childLabelAt, descent: lineOfDescent.has(edge.parent) && lineOfDescent.has(edge.child) }];
  });

  return {
    nodes,
    byId: new Map(nodes.map((n) => [n.image.id, n])),
    edges: placedEdges,
    width: Math.max(nodeWidth, graph.width),
    height: rowTop(graph.layers.length) - gapY,
    generations: graph.layers.length,
    truncated,
  };
}

/** The node the arrow keys move to from `from`: up to the first parent, down to the middle child, sideways in its row. */
export function neighbour(layout: TreeLayout, from: PlacedNode, key: string): PlacedNode | undefined {
  switch (key) {
    case "ArrowUp":
      return from.parentIds.length ? layout.byId.get(from.parentIds[0]) : undefined;
    case "ArrowDown":
      return from.childIds.length ? layout.byId.get(from.childIds[Math.floor((from.childIds.length - 1) / 2)]) : undefined;
    case "ArrowLeft":
    case "ArrowRight": {
      const row = layout.nodes.filter((n) => n.depth === from.depth);
      return row[row.indexOf(from) + (key === "ArrowRight" ? 1 : -1)];
    }
    case "Home":
      return layout.nodes[0];
    case "End":
      return layout.nodes.at(-1);
    default:
      return undefined;
  }
}
