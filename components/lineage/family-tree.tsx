"use client";

import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { imageTitle } from "@/components/api/format";
import type { StudioImage } from "@/components/api/types";
import { placeholderDataUrl } from "@/components/ui/placeholder";
import { edgeLabels, nodeLabel } from "./edge-labels";
import { layoutFamily, neighbour, nodeHeight, nodeWidth, type Family, type PlacedEdge, type PlacedNode, type TreeLayout } from "./tree-layout";

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? "st" : n % 10 === 2 && n % 100 !== 12 ? "nd" : n % 10 === 3 && n % 100 !== 13 ? "rd" : "th"}`;


const short = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** How an image was used for another, in words: "reference 2 of this image, label “the red jacket”". */
function usedFor(edge: PlacedEdge, child: StudioImage, currentId: string): string {
  const role = edge.role === "reference" ? `reference ${edge.position + 1}` : edge.role;
  const of = child.id === currentId ? "this image" : `image “${short(imageTitle(child))}”`;
  return `${role} of ${of}${edge.label ? `, label “${edge.label}”` : ""}`;
}

/** The stroke of each role: the source solid, a reference dashed, a mask dotted. */
const dash: Record<PlacedEdge["role"], string | undefined> = { source: undefined, reference: "6 4", mask: "1 4" };
const roleNames: Record<PlacedEdge["role"], string> = { source: "Source", reference: "Reference", mask: "Mask" };

/**
 * The whole family of an image as a graph of thumbnails, each image once: parents above their children (an image
 * made from several — a source, references, a mask — below all of them), the family's other branches beside, each
 * edge drawn in its role's line and a source edge labelled with the operation that made the image under it. The
 * image itself is highlighted, and its line of descent drawn in the accent colour. Click (or Enter) opens an image;
 * the arrow keys move through the graph (up: the first parent, down: a child, left and right: the same row), Home
 * and End to its ends. Wide families scroll sideways.
 */
export function FamilyTree({ family }: { family: Family }) {
  const layout = useMemo(() => layoutFamily(family), [family]);
  const currentId = family.currentId;
  const [focusId, setFocusId] = useState(currentId);
  const scroller = useRef<HTMLDivElement>(null);
  const total = layout.nodes.length;
  // On first render (and for each new page image) the page's image is centred in the scroller: on a phone the graph
  // would otherwise open at its left end with "This image" off-screen. Only sideways, instantly; the page stays put.
  const centred = useRef<string | null>(null);
  useEffect(() => {
    // Once per page image: a refreshed family (a new child) must not undo where the person has scrolled to.
    if (centred.current === currentId) return;
    const box = scroller.current;
    const el = box?.querySelector<HTMLElement>(`[data-testid="lineage-node"][data-image-id="${currentId}"]`);
    if (!box || !el) return;
    centred.current = currentId;
    if (box.scrollWidth <= box.clientWidth) return;
    const [b, e] = [box.getBoundingClientRect(), el.getBoundingClientRect()];
    box.scrollTo({ left: box.scrollLeft + e.left + e.width / 2 - (b.left + b.width / 2), behavior: "instant" });
  }, [currentId, layout]);
  // Parents of the page's image the graph cannot draw: in the trash, so left out of the lineage.
  const drawn = new Set(family.nodes.map((n) => n.id));
  const hiddenParents = new Set((family.nodes.find((n) => n.id === currentId)?.parents ?? []).map((p) => p.id).filter((id) => !drawn.has(id))).size;

  if (total <= 1) {
    return (
      <section id="family-tree" aria-labelledby="family-tree-title" data-testid="family-tree-section" className="mt-6 rounded-2xl border border-line bg-surface p-4 shadow-xs sm:p-5">
        <h2 id="family-tree-title" className="text-sm font-semibold">
          Family tree
        </h2>
        <p data-testid="family-tree-empty" className="mt-1 text-sm text-muted">
          Nothing has been made from this image yet: its variations, refinements and edits will grow here.
        </p>
      </section>
    );
  }

  const moveFocus = (to: PlacedNode | undefined) => {
    if (!to) return;
    setFocusId(to.image.id);
    const el = scroller.current?.querySelector<HTMLElement>(`[data-image-id="${to.image.id}"]`);
    el?.focus();
    el?.scrollIntoView({ block: "nearest", inline: "nearest" });
  };
  const onKeyDown = (e: React.KeyboardEvent, node: PlacedNode) => {
    const to = neighbour(layout, node, e.key);
    if (!to && !["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) return;
    e.preventDefault();
    moveFocus(to);
  };
  const current = layout.byId.get(currentId);
  const roles = new Set(layout.edges.map((e) => e.role));

  return (
    <section id="family-tree" aria-labelledby="family-tree-title" data-testid="family-tree-section" className="mt-6 rounded-2xl border border-line bg-surface shadow-xs">
      <div className="flex flex-wrap items-baseline justify-between gap-2 px-4 pt-4 sm:px-5">
        <h2 id="family-tree-title" className="text-sm font-semibold">
          Family tree
        </h2>
        <p className="text-xs text-muted tabular-nums">
          {total} images · {layout.generations} generations{current && ` · this one is in the ${ordinal(current.depth + 1)}`}
          {layout.truncated && ` · ${total} of ${family.nodes.length} are shown`}
        </p>
        {hiddenParents > 0 && (
          <p data-testid="lineage-hidden-parents" className="w-full text-xs text-muted">
            {hiddenParents === 1 ? "1 parent in the trash is not drawn" : `${hiddenParents} parents in the trash are not drawn`}
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 pt-1 sm:px-5">
        <p className="text-xs text-subtle">Click an image to open it; with the keyboard, arrow keys move through the family (↑ a parent, ↓ a child) and Enter opens.</p>
        {/* Only a family with more than sources needs telling the lines apart. */}
        {(roles.has("reference") || roles.has("mask")) && <Legend roles={(["source", "reference", "mask"] as const).filter((r) => roles.has(r))} />}
      </div>
      <div ref={scroller} data-testid="family-tree" className="overflow-x-auto overscroll-x-contain px-4 pt-4 pb-5 sm:px-5">
        <div
          role="tree"
          aria-label={`Family tree: ${total} images over ${layout.generations} generations`}
          className="relative mx-auto"
          style={{ width: layout.width, height: layout.height }}
        >
          <Edges layout={layout} currentId={currentId} />
          {edgeLabels(layout).map((label) => (
            <span
              key={label.key}
              aria-hidden="true"
              data-testid={label.reference ? "reference-edge-label" : "tree-edge-label"}
              data-parent={label.parent}
              data-child={label.child}
              title={label.title}
              className="pointer-events-none absolute -translate-x-1/2 truncate rounded-full border border-line bg-surface px-2 py-0.5 text-[10px] leading-4 font-medium whitespace-nowrap text-muted"
              style={{ left: label.x, top: label.y - 9, maxWidth: label.width }}
            >
              {label.text}
            </span>
          ))}
          {layout.nodes.map((node) => (
            <TreeNode key={node.image.id} node={node} layout={layout} currentId={currentId} focused={focusId === node.image.id} onKeyDown={onKeyDown} onFocus={() => setFocusId(node.image.id)} />
          ))}
        </div>
      </div>
    </section>
  );
}

function Edges({ layout, currentId }: { layout: TreeLayout; currentId: string }) {
  return (
    <svg aria-hidden="true" width={layout.width} height={layout.height} className="pointer-events-none absolute inset-0 overflow-visible text-line-strong">
      {/* The line of descent and the edges to this image's children last, so they are drawn over the others. */}
      {[...layout.edges]
        .map((edge) => ({ ...edge, descent: edge.descent || edge.parent === currentId }))
        .sort((a, b) => Number(a.descent) - Number(b.descent))
        .map((edge) => (
          <path
            key={`${edge.parent} ${edge.child} ${edge.role} ${edge.position}`}
            data-testid="lineage-edge"
            data-parent={edge.parent}
            data-child={edge.child}
            data-role={edge.role}
            d={edge.d}
            fill="none"
            stroke="currentColor"
            strokeWidth={edge.descent ? 2 : 1.5}
            strokeDasharray={dash[edge.role]}
            strokeLinecap={edge.role === "mask" ? "round" : undefined}
            data-highlighted={edge.descent || undefined}
            className={edge.descent ? "text-accent" : undefined}
          />
        ))}
    </svg>
  );
}

function Legend({ roles }: { roles: Array<PlacedEdge["role"]> }) {
  return (
    <ul aria-label="Lines" data-testid="lineage-legend" className="flex flex-wrap gap-x-3 text-xs text-muted">
      {roles.map((role) => (
        <li key={role} className="flex items-center gap-1.5">
          <svg aria-hidden="true" width="24" height="8" className="text-line-strong">
            <line x1="1" y1="4" x2="23" y2="4" stroke="currentColor" strokeWidth="2" strokeDasharray={dash[role]} strokeLinecap={role === "mask" ? "round" : undefined} />
          </svg>
          {roleNames[role]}
        </li>
      ))}
    </ul>
  );
}

interface NodeProps {
  node: PlacedNode;
  layout: TreeLayout;
  currentId: string;
  focused: boolean;
  onKeyDown: (e: React.KeyboardEvent, node: PlacedNode) => void;
  onFocus: () => void;
}

function TreeNode({ node, layout, currentId, focused, onKeyDown, onFocus }: NodeProps) {
  const { image } = node;
  const current = node.relation === "current";
  const [loaded, setLoaded] = useState(false);
  const painted = placeholderDataUrl(image.placeholder);
  const title = imageTitle(image);
  const made = nodeLabel(image);
  // What it is to the images drawn below it (the page's image first): "reference 2 of this image, label “…”".
  const uses = layout.edges
    .filter((e) => e.parent === image.id)
    .sort((a, b) => Number(b.child === currentId) - Number(a.child === currentId))
    .map((e) => usedFor(e, layout.byId.get(e.child)!.image, currentId));
  const usesText = uses.length ? ` ${uses.slice(0, 3).join("; ").replace(/^./, (c) => c.toUpperCase())}${uses.length > 3 ? `; and ${uses.length - 3} more` : ""}.` : "";
  const parents = node.parentIds.length > 1 ? ` Made from ${node.parentIds.length} images.` : "";
  return (
    <Link
      href={`/images/${image.id}`}
      role="treeitem"
      data-testid="lineage-node"
      data-image-id={image.id}
      data-depth={node.depth}
      data-relation={node.relation}
      aria-level={node.depth + 1}
      aria-setsize={node.siblings}
      aria-posinset={node.position}
      aria-selected={current}
      aria-current={current ? "page" : undefined}
      // Holds the visible text in its order ("This image", how it was made, its size): speech users say what they see.
      aria-label={`${current ? "This image: " : node.relation === "ancestor" ? "Ancestor: " : ""}${made}, ${image.width} × ${image.height}, generation ${node.depth + 1}. ${title}.${parents}${usesText}`}
      tabIndex={focused ? 0 : -1}
      onKeyDown={(e) => onKeyDown(e, node)}
      onFocus={onFocus}
      className={`group absolute flex flex-col overflow-hidden rounded-xl border bg-surface text-left shadow-xs transition outline-offset-2 focus-visible:outline-2 ${
        current ? "border-accent ring-2 ring-accent" : "border-line hover:-translate-y-0.5 hover:border-accent"
      } ${node.relation === "relative" ? "opacity-75 hover:opacity-100 focus-visible:opacity-100" : ""}`}
      style={{ left: node.x, top: node.y, width: nodeWidth, height: nodeHeight }}
    >
      <span
        data-checkerboard={image.hasAlpha || undefined}
        className={`relative block h-[88px] w-full bg-cover bg-center ${image.hasAlpha ? "checkerboard" : "bg-raised"}`}
        style={{ backgroundImage: !loaded && painted ? `url(${painted})` : undefined }}>
        <img
          ref={(el) => {
            if (el?.complete && el.naturalWidth > 0) setLoaded(true);
          }}
          src={image.thumbnailUrl}
          alt=""
          loading="lazy"
          onLoad={() => setLoaded(true)}
          draggable={false}
          className={`size-full object-cover transition-opacity ${loaded ? "opacity-100" : "opacity-0"}`}
        />
        {current && <span className="absolute top-1 left-1 rounded-full bg-accent px-1.5 py-0.5 text-[10px] font-semibold text-accent-fg">This image</span>}
      </span>{" "}
      {/* The spaces between the blocks keep the visible text readable as words ("This image Edited 320 × 240"). */}
      <span className="block min-w-0 px-2 pt-1">
        <span data-testid="lineage-node-caption" className="block truncate text-[11px] font-medium group-hover:text-accent">
          {made}
        </span>{" "}
        <span className="block truncate text-[10px] text-muted tabular-nums">
          {image.width} × {image.height}
        </span>
      </span>
    </Link>
  );
}
