import { describeOperation, kindLabel, operationLabel } from "@/components/api/format";
import type { ImageOperation } from "@/components/api/types";
import { separate } from "./graph-order";
import { gapX, gapY, nodeHeight, nodeWidth, type TreeLayout } from "./tree-layout";

const short = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * What made an image, in a word or two, for its card's caption: "Variation", "Edited", "Uploaded", a tool's result
 * by what it did ("Upscale ×4", "Cut out", "Zoom out 2×", "Expand · pan left", "Expand to 16:9").
 */
export function nodeLabel(image: { kind: string; operation: ImageOperation | null }): string {
  if (image.operation?.type === "process") return "Edited";
  return operationLabel(image.operation) || kindLabel[image.kind] || "Image";
}

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

export interface EdgeLabel {
  key: string;
  parent: string;
  child: string;
  reference: boolean;
  text: string;
  title: string;
  x: number;
  y: number;
  width: number;
}

/** Roughly how wide a label of 10 px text draws (its padding and border included). */
const labelWidth = (text: string) => Math.min(nodeWidth + gapX, text.length * 5.6 + 18);

/**
 * Every edge's label: a source edge's operation near its parent (unless the card it leads to says the same), a reference's "Ref 1 · the red jacket" near its
 * child. The labels of one gap between rows are then moved apart sideways (keeping their order) so none covers
 * another; they stay in the gap, so never over an image.
 */
export function edgeLabels(layout: TreeLayout): EdgeLabel[] {
  const labels: EdgeLabel[] = [];
  for (const edge of layout.edges) {
    const child = layout.byId.get(edge.child)!.image;
    const base = { key: `${edge.parent} ${edge.child} ${edge.role} ${edge.position}`, parent: edge.parent, child: edge.child };
    if (edge.role === "source") {
      const text = edgeLabel(child.operation);
      // A label that says what the card under it says already ("Variation", "Upscale ×4") is left out.
      if (text && text !== nodeLabel(child)) labels.push({ ...base, reference: false, text, title: describeOperation(child.operation), ...edge.labelAt, width: labelWidth(text) });
    } else if (edge.role === "reference") {
      const full = `Ref ${edge.position + 1}${edge.label ? ` · ${edge.label}` : ""}`;
      const text = short(full, 22);
      labels.push({ ...base, reference: true, text, title: full, ...edge.childLabelAt, width: labelWidth(text) });
    }
  }
  const bands = new Map<number, EdgeLabel[]>();
  for (const label of labels) {
    // Per gap between rows, operations (upper half) and references (lower half) apart: they never meet.
    const band = Math.floor(label.y / (nodeHeight + gapY)) * 2 + Number(label.reference);
    (bands.get(band) ?? bands.set(band, []).get(band)!).push(label);
  }
  for (const band of bands.values()) {
    band.sort((a, b) => a.x - b.x);
    const keys = band.map((l) => l.key);
    const widths = new Map(band.map((l) => [l.key, l.width]));
    separate(keys, band.map((l) => l.x), (a, b) => (widths.get(a)! + widths.get(b)!) / 2 + 4).forEach((x, i) => (band[i].x = x));
    // Kept inside the drawing when they fit (the row below is as wide as the labels it has room for).
    const over = band.at(-1)!.x + band.at(-1)!.width / 2 - layout.width;
    const under = band[0].x - band[0].width / 2;
    const shift = over > 0 ? Math.max(-over, -under) : under < 0 ? Math.min(-under, -over) : 0;
    for (const label of band) label.x += shift;
  }
  return labels;
}
