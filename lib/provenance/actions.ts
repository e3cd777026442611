import { digitalSourceTypeUri, type DigitalSourceType } from "./source-type";

/**
 * C2PA actions (C2PA 2.1 §18.16 "Actions"): what was done to make a file, in order. The first action of a
 * manifest is `c2pa.created` (a new picture) or `c2pa.opened` (an existing one, named by its ingredient label).
 */
export interface C2paAction {
  action: string;
  digitalSourceType?: string;
  softwareAgent?: { name: string; version?: string };
  description?: string;
  parameters?: Record<string, unknown>;
}

export interface SoftwareAgent {
  name: string;
  version?: string;
}

/** The studio itself, as the software agent of its own processing. */
export const studioAgent: SoftwareAgent = { name: "Image Studio", version: process.env.npm_package_version || "0.1.0" };

/** A model or renderer as a software agent: "gpt-image-2.6-flare (OpenAI)", "Image Studio local renderer". */
export function modelAgent(provider: string | null | undefined, model: string | null | undefined): SoftwareAgent {
  if (!provider || provider === "local") return { name: "Image Studio local renderer", version: studioAgent.version };
  return { name: model ? `${model} (${provider})` : provider };
}

/** The ingredient label the opening action names (the studio gives the parent this label). */
export const PARENT_LABEL = "parent";

const opened = (): C2paAction => ({ action: "c2pa.opened", parameters: { ingredientIds: [PARENT_LABEL] } });

/** Colour-only filters are colour adjustments; the others (blur, sharpen, pixelate…) are filters. */
const colorFilters = new Set(["brightness", "contrast", "saturation", "hue", "grayscale", "greyscale", "sepia", "invert", "tint", "gamma", "levels", "exposure", "temperature", "duotone", "normalize"]);

/** One processing step (lib/processing/operations.ts) as a C2PA action. */
export function processingAction(op: { op: string; type?: string; filter?: { type?: string } }, agent: SoftwareAgent = studioAgent): C2paAction {
  switch (op.op) {
    case "crop":
      return { action: "c2pa.cropped", softwareAgent: agent };
    case "resize":
      return { action: "c2pa.resized", softwareAgent: agent };
    case "rotate":
    case "flip":
      return { action: "c2pa.orientation", softwareAgent: agent };
    case "filter": {
      const type = op.filter?.type ?? op.type ?? "";
      return { action: colorFilters.has(type) ? "c2pa.color_adjustments" : "c2pa.filtered", softwareAgent: agent, ...(type ? { description: `${type} filter` } : {}) };
    }
    case "apply-palette":
      return { action: "c2pa.color_adjustments", softwareAgent: agent, description: "recoloured toward a palette" };
    case "upscale":
      return { action: "c2pa.resized", softwareAgent: agent, description: "upscaled (resampled, no AI)" };
    case "remove-background":
      return { action: "c2pa.edited", softwareAgent: agent, description: "background removed (local cut-out, no AI)" };
    default:
      return { action: "c2pa.edited", softwareAgent: agent, description: op.op };
  }
}

/**
 * The actions of a picture the studio made or changed:
 * - `created`: a picture from a prompt (with reference pictures as `inputTo` ingredients, if any);
 * - `derived`: a picture made from its parent: the opening, then the steps (`steps`), each by `agent`;
 *   an AI step carries the digital source type of the pixels it added.
 */
export function createdActions(type: DigitalSourceType | null, agent: SoftwareAgent): C2paAction[] {
  return [{ action: "c2pa.created", ...(type ? { digitalSourceType: digitalSourceTypeUri(type) } : {}), softwareAgent: agent }];
}

export function derivedActions(steps: C2paAction[]): C2paAction[] {
  return [opened(), ...steps];
}

/** An edit by a model or the local renderer (refine, variation, expand, a provider's cut-out or upscale). */
export function generativeEdit(action: "c2pa.edited" | "c2pa.resized", type: DigitalSourceType | null, agent: SoftwareAgent, description?: string): C2paAction {
  return { action, ...(type ? { digitalSourceType: digitalSourceTypeUri(type) } : {}), softwareAgent: agent, ...(description ? { description } : {}) };
}

/**
 * A file written again in another encoding (an export, a stored upload): the pixels as they were. Like
 * `c2pa.opened`, it names the parent ingredient it re-encodes (C2PA 2.1 §18.16: transcoded needs its ingredient;
 * c2pa-ts refuses the manifest without it).
 */
export const transcoded = (): C2paAction => ({ action: "c2pa.transcoded", softwareAgent: studioAgent, parameters: { ingredientIds: [PARENT_LABEL] } });

/** Only metadata changed (the AI marking added to a provider's file): the pixels as they were. */
export const metadataEdited = (): C2paAction => ({ action: "c2pa.edited.metadata", softwareAgent: studioAgent });
