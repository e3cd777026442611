import { styleText } from "@/lib/prompts/styles";
import type { GenerateRequest } from "./types";

/** What a reference is called in a prompt: its label, else "image 1", "image 2"… by position (1-based). */
export const referenceName = (reference: { label?: string }, index: number) => reference.label?.trim() || `image ${index + 1}`;

/**
 * The words that tie a prompt to its reference images for a service that takes images without labels (gpt-image
 * edits, FLUX.2 input_images): "Reference images, in order: image 1 is the red jacket; image 2 is the beach.".
 * Empty when no reference has a label (then "image 1"… need no legend: the order is the name).
 */
export function referenceLegend(references: ReadonlyArray<{ label?: string }> | undefined, offset = 0): string {
  if (!references?.some((r) => r.label?.trim())) return "";
  const named = references.flatMap((r, i) => (r.label?.trim() ? [`image ${i + 1 + offset} is ${r.label.trim()}`] : []));
  return `Reference images, in order: ${named.join("; ")}.`;
}

/**
 * The prompt a service without native parameters receives: the user's words, then the style, the palette and
 * what to avoid. `native` lists what the service takes as parameters, which are then not folded in.
 */
export function composePrompt(request: Pick<GenerateRequest, "prompt" | "negativePrompt" | "style" | "palette" | "preserveStructure">, native: { negativePrompt?: boolean; style?: boolean; palette?: boolean } = {}): string {
  const parts = [request.prompt.trim()];
  const style = request.style && !native.style ? styleText[request.style] : "";
  if (style) parts.push(`Style: ${style}.`);
  if (request.palette?.length && !native.palette) parts.push(`Colour palette: ${request.palette.join(", ")}.`);
  if (request.preserveStructure) parts.push("Keep the composition, layout and perspective of the original image.");
  if (request.negativePrompt?.trim() && !native.negativePrompt) parts.push(`Avoid: ${request.negativePrompt.trim()}.`);
  return joinPrompt(parts);
}

/** The person's words, then the studio's sentences: their words end their sentence before ours begin ("make it greener. Keep the composition…"). */
export function joinPrompt([words, ...sentences]: string[]): string {
  if (!sentences.length) return words;
  return [/[.!?…:;。！？]$/.test(words) ? words : `${words}.`, ...sentences].join(" ");
}
