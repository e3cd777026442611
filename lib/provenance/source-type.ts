/**
 * How a picture's pixels were made, in the IPTC digital source type vocabulary
 * (https://cv.iptc.org/newscodes/digitalsourcetype/) — the machine-readable AI marking written into every file
 * the studio stores, serves or exports (XMP `Iptc4xmpExt:DigitalSourceType`, and the C2PA actions).
 */
export const digitalSourceTypes = [
  /** a trained model made it (a provider's output) */
  "trainedAlgorithmicMedia",
  /** a trained model's pixels mixed with other media (an upload refined, expanded or referenced by a model) */
  "compositeWithTrainedAlgorithmicMedia",
  /** made by an algorithm without training data (the local renderer: procedural) */
  "algorithmicMedia",
  /** other media mixed with synthetic, non-trained pixels (an upload expanded by the local fill) */
  "compositeSynthetic",
] as const;

export type DigitalSourceType = (typeof digitalSourceTypes)[number];

const IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/";

export const digitalSourceTypeUri = (type: DigitalSourceType) => `${IPTC}${type}`;

/** The code of an IPTC digital source type URI (either scheme; also the short code itself), or null for anything else. */
export function parseDigitalSourceType(value: unknown): DigitalSourceType | null {
  if (typeof value !== "string") return null;
  const code = value.trim().replace(/^https?:\/\/cv\.iptc\.org\/newscodes\/digitalsourcetype\//, "");
  return (digitalSourceTypes as readonly string[]).includes(code) ? (code as DigitalSourceType) : null;
}

/** Whether a type says a trained model made some of the pixels. */
export const isTrained = (type: DigitalSourceType | null | undefined) =>
  type === "trainedAlgorithmicMedia" || type === "compositeWithTrainedAlgorithmicMedia";

/** Human words for a type (UI, docs). */
export const digitalSourceTypeLabels: Record<DigitalSourceType, string> = {
  trainedAlgorithmicMedia: "Made by an AI model",
  compositeWithTrainedAlgorithmicMedia: "Edited with an AI model",
  algorithmicMedia: "Rendered by an algorithm (no AI model)",
  compositeSynthetic: "Contains algorithmically made pixels",
};

/**
 * What made a new picture:
 * - `model`: a provider's trained model (generation, variation, refinement, a provider's upscale / cut-out / expand);
 * - `renderer`: the local procedural renderer or fill (local generation, variation, refinement, the local expand);
 * - `processing`: a pixel operation that adds no synthetic content (crop, resize, filter, palette, rotate, the basic
 *   upscale, the local cut-out): the source's type is inherited;
 * - `upload`: a file from outside, whose own metadata may declare a type.
 */
export type MadeBy =
  | { by: "model" | "renderer"; inputs: Array<DigitalSourceType | null> }
  | { by: "processing"; source: DigitalSourceType | null }
  | { by: "upload"; declared: DigitalSourceType | null };

/**
 * The digital source type of a new picture from what made it and the types of the pictures whose pixels it took
 * (its source and references; a mask is not an input of pixels). "Marking follows the pixels":
 * - a model with no picture input, or only trained ones → trainedAlgorithmicMedia;
 * - a model with any other input (an upload, a local render, a composite) → compositeWithTrainedAlgorithmicMedia;
 * - the renderer alone or on its own renders → algorithmicMedia; on anything trained → compositeWithTrained…;
 *   on anything else (an upload) → compositeSynthetic;
 * - processing inherits; an upload keeps what it declares (null when nothing).
 */
export function digitalSourceTypeOf(made: MadeBy): DigitalSourceType | null {
  if (made.by === "processing") return made.source;
  if (made.by === "upload") return made.declared;
  const inputs = made.inputs;
  if (made.by === "model") {
    return inputs.every((t) => t === "trainedAlgorithmicMedia") ? "trainedAlgorithmicMedia" : "compositeWithTrainedAlgorithmicMedia";
  }
  if (inputs.some(isTrained)) return "compositeWithTrainedAlgorithmicMedia";
  return inputs.every((t) => t === "algorithmicMedia") ? "algorithmicMedia" : "compositeSynthetic";
}
