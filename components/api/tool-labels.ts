/**
 * The finishing tools' results in words, from the operation that made them (`operation.params` as the job records
 * it, lib/images/tool-job.ts): upscale `{factor, mode, kind}`, remove-background `{format}`, expand
 * `{left, right, top, bottom, original: {width, height}, prompt?}`. Pure, shared by server and client components.
 */

export const toolOperations = ["upscale", "remove-background", "expand"] as const;
export type ToolOperation = (typeof toolOperations)[number];

type Op = { type: string; params?: unknown } | null | undefined;

/** Made by a finishing tool (not drawn from a prompt): no seed, no "Reuse settings". */
export const isToolResult = (op: Op): boolean => Boolean(op && (toolOperations as readonly string[]).includes(op.type));

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const params = (op: Op) => (op?.params ?? {}) as Record<string, unknown>;

/** "1.5×", "2×": a factor without trailing zeros. */
const times = (f: number) => `${Number(f.toFixed(2))}×`;

const knownAspects = ["1:1", "5:4", "4:3", "3:2", "16:10", "16:9", "2:1", "21:9", "4:5", "3:4", "2:3", "10:16", "9:16", "1:2", "9:21"];

/** "16:9" for a size that is (nearly) that shape, else "W:H" reduced, else null when the numbers are odd. */
export function aspectOf(width: number, height: number): string | null {
  if (width <= 0 || height <= 0) return null;
  const ratio = width / height;
  for (const a of knownAspects) {
    const [w, h] = a.split(":").map(Number);
    if (Math.abs(ratio - w / h) / (w / h) < 0.01) return a;
  }
  const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
  const d = gcd(width, height);
  return width / d <= 32 && height / d <= 32 ? `${width / d}:${height / d}` : null;
}

export type ExpandKind =
  | { kind: "zoom"; factor: number }
  | { kind: "pan"; direction: "left" | "right" | "up" | "down" }
  | { kind: "aspect"; ratio: string | null }
  | { kind: "sides" };

/** Which way an expand grew the picture: zoomed out (every side, same shape), panned (one side), to a ratio, or sides. */
export function expandKindOf(p: Record<string, unknown>): ExpandKind {
  const [left, right, top, bottom] = [num(p.left), num(p.right), num(p.top), num(p.bottom)];
  const original = (p.original ?? {}) as Record<string, unknown>;
  const [ow, oh] = [num(original.width), num(original.height)];
  const width = ow + left + right;
  const height = oh + top + bottom;
  const grown = [left, right, top, bottom].filter((s) => s > 0).length;
  if (grown === 1) return { kind: "pan", direction: left ? "left" : right ? "right" : top ? "up" : "down" };
  const even = (a: number, b: number) => Math.abs(a - b) <= 1;
  if (ow > 0 && oh > 0 && grown === 4 && even(left, right) && even(top, bottom)) {
    const fx = width / ow;
    const fy = height / oh;
    if (Math.abs(fx - fy) < 0.02) return { kind: "zoom", factor: Math.round(fx * 100) / 100 };
  }
  if (ow > 0 && oh > 0 && grown === 2 && ((even(left, right) && !top && !bottom) || (even(top, bottom) && !left && !right))) {
    return { kind: "aspect", ratio: aspectOf(width, height) };
  }
  return { kind: "sides" };
}

/** "Zoom out 2×", "Expand · pan left", "Expand to 16:9", "Expand": an expand in a caption's few words. */
export function expandCaption(p: Record<string, unknown>): string {
  const k = expandKindOf(p);
  if (k.kind === "zoom") return `Zoom out ${times(k.factor)}`;
  if (k.kind === "pan") return `Expand · pan ${k.direction}`;
  if (k.kind === "aspect" && k.ratio) return `Expand to ${k.ratio}`;
  return "Expand";
}

/**
 * A tool result's caption, by what made it: "Upscale ×4", "Cut out", "Zoom out 2×", "Expand · pan left",
 * "Expand to 16:9". Null for an operation that is not a finishing tool.
 */
export function toolCaption(op: Op): string | null {
  if (!op || !isToolResult(op)) return null;
  const p = params(op);
  if (op.type === "upscale") return num(p.factor) ? `Upscale ×${num(p.factor)}` : "Upscale";
  if (op.type === "remove-background") return "Cut out";
  return expandCaption(p);
}

/**
 * What the image is, for its page's subtitle and details: "Upscaled ×2", "Cut out (transparent)", "Expanded · zoom
 * out 1.5×". Null for an operation that is not a finishing tool.
 */
export function toolKindLabel(op: Op): string | null {
  if (!op || !isToolResult(op)) return null;
  const p = params(op);
  if (op.type === "upscale") return num(p.factor) ? `Upscaled ×${num(p.factor)}` : "Upscaled";
  if (op.type === "remove-background") return "Cut out (transparent)";
  const k = expandKindOf(p);
  const how = k.kind === "zoom" ? `zoom out ${times(k.factor)}` : k.kind === "pan" ? `pan ${k.direction}` : k.kind === "aspect" && k.ratio ? `to ${k.ratio}` : null;
  return how ? `Expanded · ${how}` : "Expanded";
}

/**
 * The operation in a sentence, for the details: "Upscaled ×2 (basic resample, no new detail)", "Cut out (transparent
 * PNG)", "Expanded · pan left: 160 px added on the left (320 × 240 → 480 × 240)".
 */
export function describeToolOperation(op: Op): string | null {
  if (!op || !isToolResult(op)) return null;
  const p = params(op);
  const label = toolKindLabel(op)!;
  if (op.type === "upscale") {
    const how = p.mode === "basic" || p.kind === "basic" ? "basic resample, no new detail" : p.kind === "creative" ? "creative upscaler" : p.kind === "ai" ? "AI upscaler" : null;
    return how ? `${label} (${how})` : label;
  }
  if (op.type === "remove-background") return `Cut out (transparent ${typeof p.format === "string" ? p.format.toUpperCase() : "PNG"})`;
  const sides = (["left", "right", "top", "bottom"] as const).filter((s) => num(p[s]) > 0).map((s) => `${num(p[s])} px ${s}`);
  const original = (p.original ?? {}) as Record<string, unknown>;
  const [ow, oh] = [num(original.width), num(original.height)];
  const size = ow && oh ? ` (${ow} × ${oh} → ${ow + num(p.left) + num(p.right)} × ${oh + num(p.top) + num(p.bottom)})` : "";
  return `${label}${sides.length ? `: added ${sides.join(", ")}` : ""}${size}`;
}
