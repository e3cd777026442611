/** Display helpers shared by server and client components (no browser or server APIs). */
import { describeToolOperation, toolCaption, toolKindLabel } from "./tool-labels";

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 2 : 1)} MB`;
}

export const formatLabel = (format: string) => (format === "jpeg" ? "JPEG" : format.toUpperCase());

/** "Animated · 12 frames" for an animated GIF/WebP; null for a still. */
export const animationLabel = (image: { frames?: number }): string | null => ((image.frames ?? 1) > 1 ? `Animated · ${image.frames} frames` : null);

export const kindLabel: Record<string, string> = { uploaded: "Uploaded", processed: "Processed", generated: "Generated" };

/** What an image is, in a word or two: a tool's result by its operation ("Upscaled ×2", "Cut out (transparent)"), else its kind. */
export const imageKindLabel = (image: { kind: string; operation?: { type: string; params?: unknown } | null }): string =>
  toolKindLabel(image.operation) ?? kindLabel[image.kind] ?? image.kind;

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso)) + " UTC";
}

/** "crop 300×200 at (100, 50)", "filter: blur (radius 2)" — an operation in a few words. */
export function describeOperation(op: { type: string; params: unknown } | null): string {
  if (!op) return "";
  const tool = describeToolOperation(op);
  if (tool) return tool;
  const p = (op.params ?? {}) as Record<string, unknown>;
  switch (op.type) {
    case "crop":
      return `Crop ${p.width}×${p.height} at (${p.x}, ${p.y})`;
    case "resize":
      return `Resize to ${p.width ?? "auto"}×${p.height ?? "auto"}`;
    case "filter": {
      const inner = (p.params ?? {}) as Record<string, unknown>;
      const args = Object.entries(inner).map(([k, v]) => `${k} ${v}`);
      return `Filter: ${String(p.type ?? "")}${args.length ? ` (${args.join(", ")})` : ""}`;
    }
    case "variations":
      return typeof p.strength === "number" ? `Variation (strength ${p.strength})` : "Variation";
    case "refine":
      return "Refined";
    case "apply-palette": {
      const colors = Array.isArray(p.colors) ? p.colors.length : 0;
      return `Palette applied${colors ? ` (${colors} colour${colors === 1 ? "" : "s"}${typeof p.strength === "number" ? `, strength ${p.strength}` : ""})` : ""}`;
    }
    default:
      return op.type.charAt(0).toUpperCase() + op.type.slice(1);
  }
}

/** How an image relates to its parent, by its own operation ("A variation of", "Cropped from", …). */
const madeFrom: Record<string, string> = {
  variations: "A variation of",
  refine: "Refined from",
  "apply-palette": "Recoloured from",
  process: "Edited from",
  crop: "Cropped from",
  resize: "Resized from",
  filter: "Filtered from",
  upscale: "Upscaled from",
  "remove-background": "Cut out from",
  expand: "Expanded from",
};
export const madeFromLabel = (op: { type: string } | null | undefined) => (op && madeFrom[op.type]) ?? "Made from";

const operationLabels: Record<string, string> = {
  crop: "Cropped",
  resize: "Resized",
  filter: "Filtered",
  variations: "Variation",
  refine: "Refined",
  "apply-palette": "Palette applied",
};

/** "Variation", "Refined", "Palette applied": what an operation made, in a word or two (for captions). */
export function operationLabel(op: { type: string; params?: unknown } | null): string {
  if (!op) return "";
  const tool = toolCaption(op);
  if (tool) return tool;
  return operationLabels[op.type] ?? op.type.charAt(0).toUpperCase() + op.type.slice(1).replace(/-/g, " ");
}

/** The name an image goes by: its prompt, else its file name, else its id. */
export function imageTitle(image: { id: string; originalName: string | null; prompt: string | null }): string {
  return image.prompt || image.originalName || `Image ${image.id}`;
}
