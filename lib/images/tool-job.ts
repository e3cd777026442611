import "server-only";
import { env } from "@/lib/env";
import { expandCanvas, compositeOriginal } from "@/lib/processing/expand";
import { openImage } from "@/lib/processing/sharp";
import { ProviderError, type GenerateRequest, type GenerateResult, type ImageProvider, type ModelInfo, type ProviderContext, type SourceImage, type ToolRequest } from "@/lib/providers/types";
import type { DeriveSpec } from "./generation-request";

// The worker's part of the finishing tools (upscale, remove background, expand): which provider method serves,
// what it is sent, and what is done to its answer before it is stored (lib/images/generation-job.ts calls these).

type Run = (request: GenerateRequest, context: ProviderContext) => Promise<GenerateResult>;

export const isToolJob = (derive?: DeriveSpec): derive is DeriveSpec & { tool: ToolRequest } => Boolean(derive?.tool);

/** The provider method serving a tool job on `model`, or undefined when the model does not declare it. */
export function toolCall(provider: ImageProvider, model: ModelInfo, tool: ToolRequest): { run: Run; native: true } | undefined {
  const c = model.capabilities;
  const method =
    tool.operation === "upscale" ? (c.upscale?.factors.includes(tool.factor) ? provider.upscale : undefined)
    : tool.operation === "remove-background" ? (c.removeBackground ? provider.removeBackground : undefined)
    : c.expand ? provider.expand : undefined;
  return method ? { run: method.bind(provider) as Run, native: true } : undefined;
}

/** The tool request for a candidate model (an upscale is of the model's kind: basic, ai, creative). */
export function toolFor(model: ModelInfo, tool: ToolRequest): ToolRequest {
  return tool.operation === "upscale" ? { ...tool, kind: model.capabilities.upscale?.kind ?? tool.kind } : tool;
}

/** What a tool's provider call gets: an expand's grown canvas and its mask; the source itself otherwise. */
export async function toolSources(source: SourceImage, tool: ToolRequest): Promise<{ source: SourceImage; mask?: SourceImage }> {
  if (tool.operation !== "expand") return { source };
  const { canvas, mask } = await expandCanvas(source, tool.geometry);
  return { source: canvas, mask };
}

/**
 * A provider's answer made into the tool's result: an upscale at exactly the asked size (a service that answers
 * another size is resized to it); a cut-out that really is transparent (else the answer is refused) in the asked
 * encoding; an expand with the original's pixels put back exactly where they were.
 */
export async function finishToolImage(derive: DeriveSpec & { tool: ToolRequest }, data: Buffer, original: SourceImage, target: { width: number; height: number }): Promise<Buffer> {
  const maxPixels = Math.round(env().MAX_INPUT_MEGAPIXELS * 1_000_000) * 16;
  const tool = derive.tool;
  if (tool.operation === "expand") return (await compositeOriginal(data, original, tool.geometry)).data;
  const image = openImage(data, { maxPixels });
  const meta = await image.metadata();
  if (tool.operation === "upscale") {
    if (meta.width === target.width && meta.height === target.height) return data;
    return openImage(data, { maxPixels }).resize(target.width, target.height, { fit: "fill", kernel: "lanczos3" }).png().toBuffer();
  }
  // Remove background: the answer must have transparency where the background was.
  const stats = meta.hasAlpha ? await openImage(data, { maxPixels }).stats() : undefined;
  const alpha = stats?.channels[3];
  if (!alpha || alpha.min >= 255) throw new ProviderError("local", "bad_request", "the answer has no transparent pixels: the background was not removed");
  const format = derive.toolOptions?.format ?? "png";
  if (format === "webp") return openImage(data, { maxPixels }).webp({ lossless: true, alphaQuality: 100 }).toBuffer();
  return meta.format === "png" ? data : openImage(data, { maxPixels }).png().toBuffer();
}

/** What a tool's result records of the operation that made it (the image's `operation.params`). */
export function toolOperationParams(derive: DeriveSpec & { tool: ToolRequest }, served: ToolRequest): object {
  const tool = served;
  if (tool.operation === "upscale") return { factor: tool.factor, mode: derive.toolOptions?.mode ?? "basic", kind: tool.kind };
  if (tool.operation === "remove-background") return { format: derive.toolOptions?.format ?? "png" };
  return { ...tool.geometry, original: tool.original, ...(derive.toolOptions?.prompt ? { prompt: derive.toolOptions.prompt } : {}) };
}
