"use client";

import Link from "next/link";
import { useMemo, useRef, useState } from "react";
import { describeOperation, imageTitle, kindLabel, operationLabel } from "@/components/api/format";
import type { ImageOperation } from "@/components/api/types";
import { placeholderDataUrl } from "@/components/ui/placeholder";
import { gapX, gapY, layoutFamily, neighbour, nodeHeight, nodeWidth, type Family, type PlacedNode } from "./tree-layout";

/** An operation in a word or two, for the connector that leads to the image it made. */
export function edgeLabel(op: ImageOperation | null): string {
  if (!op) return "";
  const params = (op.params ?? {}) as { mask?: unknown; maskImageId?: unknown; operations?: Array<{ op?: unknown }> };
  if (op.type === "process") {
    const steps = Array.isArray(params.operations) ? params.operations.map((o) => String(o.op ?? "")).filter(Boolean) : [];
    const names: Record<string, string> = { crop: "Crop", resize: "Resize", filter: "Filter" };
    return steps.length ? `Edited: ${steps.map((s) => names[s] ?? s).join(" + ")}` : "Edited";
  }
  if (op.type === "refine" && (params.mask || params.maskImageId)) return params.mask === "painted" ? "Refined · painted" : "Refined · mask";
  return operationLabel(op);
}

/** What made an image, in a word or two, for its caption ("Variation", "Edited", "Uploaded"). */
function nodeLabel(image: { kind: string; operation: ImageOperation | null }): string {
  if (image.operation?.type === "process") return "Edited";
  return operationLabel(image.operation) || kindLabel[image.kind] || "Image";
}

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? "st" : n % 10 === 2 && n % 100 !== 12 ? "nd" : n % 10 === 3 && n % 100 !== 13 ? "rd" : "th"}`;

/**
 * The whole lineage of an image as a tree of thumbnails: its ancestors above it, its descendants branching below
 * (and the family's other branches beside it), each connector labelled with the operation that made the image
 * under it. The image itself is highlighted, and the line of descent down to it drawn in the accent colour.
 * Click (or Enter) opens an image; the arrow keys move through the tree (up: parent, down: a child, left and
 * right: the same generation), Home and End to its ends. Wide trees scroll sideways.
 */
export function FamilyTree({ family }: { family: Family }) {
  const layout = useMemo(() => layoutFamily(family), [family]);
  const currentId = family.currentId;
  const [focusId, setFocusId] = useState(currentId);
  const scroller = useRef<HTMLDivElement>(null);
  const total = layout.nodes.length;

  if (total === 1) {
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

  const center = (n: PlacedNode) => n.x + nodeWidth / 2;
  const edges = layout.nodes.filter((n) => n.parentId).map((n) => ({ child: n, parent: layout.byId.get(n.parentId!)! }));

  return (
    <section id="family-tree" aria-labelledby="family-tree-title" data-testid="family-tree-section" className="mt-6 rounded-2xl border border-line bg-surface shadow-xs">
      <div className="flex flex-wrap items-baseline justify-between gap-2 px-4 pt-4 sm:px-5">
        <h2 id="family-tree-title" className="text-sm font-semibold">
          Family tree
        </h2>
        <p className="text-xs text-muted tabular-nums">
          {total} images · {layout.generations} generations · this one is in the {ordinal(family.ancestorIds.length + 1)}
          {layout.truncated && ` · the first ${total} are shown`}
        </p>
      </div>
      <p className="px-4 pt-1 text-xs text-subtle sm:px-5">Click an image to open it; with the keyboard, arrow keys move through the tree and Enter opens.</p>
      <div ref={scroller} data-testid="family-tree" className="overflow-x-auto overscroll-x-contain px-4 pt-4 pb-5 sm:px-5">
        <div
          role="tree"
          aria-label={`Family tree: ${total} images over ${layout.generations} generations`}
          className="relative mx-auto"
          style={{ width: layout.width, height: layout.height }}
        >
          <svg aria-hidden="true" width={layout.width} height={layout.height} className="pointer-events-none absolute inset-0 overflow-visible text-line-strong">
            {edges.map(({ parent, child }) => {
              const x1 = center(parent);
              const y1 = parent.y + nodeHeight;
              const x2 = center(child);
              const y2 = child.y;
              const mid = (y1 + y2) / 2;
              // The line of descent down to this image is drawn in the accent colour.
              const descent = child.relation === "ancestor" || child.relation === "current";
              return (
                <path
                  key={child.image.id}
                  d={`M ${x1} ${y1} C ${x1} ${mid}, ${x2} ${mid}, ${x2} ${y2}`}
                  fill="none"
                  stroke="currentColor"
                  strokeWidth={descent ? 2 : 1.5}
                  className={descent ? "text-accent" : undefined}
                />
              );
            })}
          </svg>
          {edges.map(({ child }) => {
            const label = edgeLabel(child.image.operation);
            if (!label) return null;
            return (
              <span
                key={`label-${child.image.id}`}
                aria-hidden="true"
                data-testid="tree-edge-label"
                title={describeOperation(child.image.operation)}
                className="pointer-events-none absolute -translate-x-1/2 truncate rounded-full border border-line bg-surface px-2 py-0.5 text-[10px] leading-4 font-medium whitespace-nowrap text-muted"
                style={{ left: center(child), top: child.y - gapY / 2 - 9, maxWidth: nodeWidth + gapX }}
              >
                {label}
              </span>
            );
          })}
          {layout.nodes.map((node) => (
            <TreeNode key={node.image.id} node={node} focused={focusId === node.image.id} onKeyDown={onKeyDown} onFocus={() => setFocusId(node.image.id)} />
          ))}
        </div>
      </div>
    </section>
  );
}

function TreeNode({ node, focused, onKeyDown, onFocus }: { node: PlacedNode; focused: boolean; onKeyDown: (e: React.KeyboardEvent, node: PlacedNode) => void; onFocus: () => void }) {
  const { image } = node;
  const current = node.relation === "current";
  const [loaded, setLoaded] = useState(false);
  const painted = placeholderDataUrl(image.placeholder);
  const title = imageTitle(image);
  const made = nodeLabel(image);
  return (
    <Link
      href={`/images/${image.id}`}
      role="treeitem"
      data-testid="tree-node"
      data-image-id={image.id}
      data-depth={node.depth}
      data-relation={node.relation}
      aria-level={node.depth + 1}
      aria-setsize={node.siblings}
      aria-posinset={node.position}
      aria-selected={current}
      aria-current={current ? "page" : undefined}
      // Holds the visible text in its order ("This image", how it was made, its size): speech users say what they see.
      aria-label={`${current ? "This image: " : node.relation === "ancestor" ? "Ancestor: " : ""}${made}, ${image.width} × ${image.height}, generation ${node.depth + 1}. ${title}`}
      tabIndex={focused ? 0 : -1}
      onKeyDown={(e) => onKeyDown(e, node)}
      onFocus={onFocus}
      className={`group absolute flex flex-col overflow-hidden rounded-xl border bg-surface text-left shadow-xs transition outline-offset-2 focus-visible:outline-2 ${
        current ? "border-accent ring-2 ring-accent" : "border-line hover:-translate-y-0.5 hover:border-accent"
      } ${node.relation === "relative" ? "opacity-75 hover:opacity-100 focus-visible:opacity-100" : ""}`}
      style={{ left: node.x, top: node.y, width: nodeWidth, height: nodeHeight }}
    >
      <span className="relative block h-[88px] w-full bg-raised bg-cover bg-center" style={{ backgroundImage: !loaded && painted ? `url(${painted})` : undefined }}>
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
        <span className="block truncate text-[11px] font-medium group-hover:text-accent">{made}</span>{" "}
        <span className="block truncate text-[10px] text-muted tabular-nums">
          {image.width} × {image.height}
        </span>
      </span>
    </Link>
  );
}
