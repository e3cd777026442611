import "server-only";
// Ideogram (REST, `Api-Key` header, multipart/form-data). Which API family a model speaks is catalog data
// (`options.version`, lib/providers/catalog/ideogram.ts):
// - 4.0: POST /v1/ideogram-v4/generate (`text_prompt`, `resolution` WxH from a fixed list, `rendering_speed`, `seed`;
//   one image per call) and POST /v1/ideogram-v4/remix (`image`, `text_prompt`, `image_weight` 1–100, `resolution`,
//   `rendering_speed`; no seed). No negative prompt, palette or style type: those are said in the prompt.
// - 3.0: POST /v1/ideogram-v3/generate, /generate-transparent, /remix and /inpaint (`/edit` is deprecated since
//   2026-04-29) with `prompt`, `aspect_ratio`, `num_images` 1–8, `negative_prompt`, `color_palette`, `style_type`.
// Sources: developer.ideogram.ai/v1/api-reference (generate-v4, remix-v4, generate-v3, generate-transparent-v3,
// remix-v3, inpaint-v3), the OpenAPI document at https://api.ideogram.ai/openapi.json, and
// developer.ideogram.ai/ideogram-api/deprecations (Deprecation / Sunset headers and a `notice` field on old endpoints).
// The finishing tools (upscale, remove background, reframe as expand) and the text services (describe, magic
// prompt) are in lib/providers/ideogram-tools.ts; the HTTP side in lib/providers/ideogram-http.ts.
import { z } from "zod";
import { transportError } from "./http-errors";
import { STYLES, STYLE_REFERENCE_BYTES, appendStyleReferences, ideogramPalette, imageWeight, toIdeogramMask, upload, withLegend } from "./ideogram-forms";
import { downloadImages, ideogramFailure, postIdeogram, type IdeogramImage } from "./ideogram-http";
import * as tools from "./ideogram-tools";
import { composePrompt, joinPrompt } from "./prompt";
import {
  ProviderError,
  type GenerateRequest,
  type GenerateResult,
  type ImageProvider,
  type ModelInfo,
  type EnhanceRequest,
  type ProviderContext,
  type ReferenceImage,
  type SentRequest,
  type SourceImage,
  type TextResult,
  type TextServices,
} from "./types";

export interface IdeogramProviderConfig {
  /** IDEOGRAM_API_KEY, sent as the `Api-Key` header. */
  apiKey: string;
  /** IDEOGRAM_BASE_URL, default https://api.ideogram.ai. */
  baseUrl?: string;
  /** The catalog's Ideogram models (lib/providers/catalog/ideogram.ts plus an operator's changes). */
  models: ModelInfo[];
}

/** Hosts Ideogram serves result images from (https://ideogram.ai/api/images/ephemeral/…): for the fetchResult allow-list. */
export const IDEOGRAM_RESULT_HOSTS = [".ideogram.ai"];

/** What the adapter reads from a catalog entry's `options`: a model version, or one of the tool endpoints. */
const modelOptionsSchema = z.object({
  /** The API family: 4 → /v1/ideogram-v4/…, 3 → /v1/ideogram-v3/…. */
  version: z.union([z.literal(3), z.literal(4)]),
  renderingSpeed: z.enum(["FLASH", "TURBO", "DEFAULT", "QUALITY"]).default("DEFAULT"),
  /** 3.0's transparent-background endpoint has its own prices. */
  transparentCostPerImageUsd: z.number().min(0).optional(),
});
/** An endpoint without a model choice (POST /upscale, POST /v1/remove-background): its catalog entry has generate false. */
const toolOptionsSchema = z.object({ tool: z.enum(["upscale", "remove-background"]) });
const optionsSchema = z.union([toolOptionsSchema, modelOptionsSchema]);
type Settings = z.output<typeof modelOptionsSchema>;
type ToolSettings = z.output<typeof toolOptionsSchema>;

/** The prompt and seed of a form as it goes to Ideogram (4.0 names the prompt `text_prompt`, 3.0 `prompt`). */
function sentOf(form: FormData): SentRequest {
  const prompt = form.get("text_prompt") ?? form.get("prompt");
  const seed = form.get("seed");
  return { prompt: typeof prompt === "string" ? prompt : null, ...(typeof seed === "string" ? { seed: Number(seed) } : {}) };
}

interface Call {
  model: ModelInfo;
  settings: Settings;
  /** Price of one image of this call. */
  price: number;
}

export class IdeogramProvider implements ImageProvider {
  readonly id = "ideogram" as const;
  readonly name = "Ideogram";
  readonly models: ModelInfo[];
  private readonly settings = new Map<string, Settings>();
  private readonly toolSettings = new Map<string, ToolSettings>();
  private readonly baseUrl: string;

  constructor(private readonly config: IdeogramProviderConfig) {
    this.baseUrl = (config.baseUrl ?? "https://api.ideogram.ai").replace(/\/+$/, "");
    this.models = config.models;
    for (const model of this.models) {
      if (model.lifecycle?.status === "retired") continue; // never called
      const parsed = optionsSchema.safeParse(model.options ?? {});
      if (!parsed.success) {
        throw new Error(`The Ideogram model ${model.id} needs options {version: 3 | 4, renderingSpeed?: "TURBO" | "DEFAULT" | "QUALITY"} or {tool: "upscale" | "remove-background"}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`).join("; ")}`);
      }
      if ("tool" in parsed.data) this.toolSettings.set(model.id, parsed.data);
      else this.settings.set(model.id, parsed.data);
    }
  }

  isConfigured(): boolean {
    return Boolean(this.config.apiKey);
  }

  /** Tools: the flat price per input of upscale and remove background; a reframe at its model's rate for one image. */
  estimateCost(request: GenerateRequest): number {
    const model = this.models.find((m) => m.id === request.model);
    if (model && request.tool) return model.costPerImageUsd;
    const settings = this.settings.get(request.model);
    return model && settings ? this.price(model, settings, request) * request.n : 0;
  }

  /** Ideogram's upscaler doubles the picture (the `ideogram-upscale` entry). */
  async upscale(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    return tools.upscale(this.host, this.toolModel(request, "upscale"), request, context);
  }

  /** The `ideogram-remove-background` entry: a PNG cutout with an alpha channel. */
  async removeBackground(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    return tools.removeBackground(this.host, this.toolModel(request, "remove-background"), request, context);
  }

  /** Expand through 3.0's reframe, at the model's rendering speed (one axis at a time; see ideogram-reframe.ts). */
  async expand(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const model = this.models.find((m) => m.id === request.model);
    const settings = this.settings.get(request.model);
    if (!model || !settings || !model.capabilities.expand || model.lifecycle?.status === "retired") {
      throw new ProviderError("ideogram", "bad_request", `${request.model} cannot expand pictures (the Ideogram 3.0 models reframe)`);
    }
    return tools.reframe(this.host, model, settings.renderingSpeed, request, context);
  }

  /** Describe (V_3) and the 4.0 magic prompt, whenever a key is set. */
  textServices(): TextServices | undefined {
    if (!this.isConfigured()) return undefined;
    return { model: `${tools.DESCRIBE_MODEL} / ${tools.MAGIC_PROMPT_MODEL}`, describe: true, enhance: true, estimateUsd: tools.IDEOGRAM_TEXT_USD };
  }

  async describeImage(image: SourceImage, context: ProviderContext): Promise<TextResult> {
    return tools.describe(this.host, image, context);
  }

  async enhancePrompt(request: EnhanceRequest, context: ProviderContext): Promise<TextResult> {
    return tools.magicPrompt(this.host, request, context);
  }

  private get host(): tools.ToolHost {
    return { baseUrl: this.baseUrl, apiKey: this.config.apiKey };
  }

  /** The catalog entry of a tool endpoint, refused unless the request names one serving `tool`. */
  private toolModel(request: GenerateRequest, tool: ToolSettings["tool"]): ModelInfo {
    const model = this.models.find((m) => m.id === request.model);
    if (!model || this.toolSettings.get(model.id)?.tool !== tool || model.lifecycle?.status === "retired") {
      const serving = this.models.filter((m) => this.toolSettings.get(m.id)?.tool === tool && m.lifecycle?.status !== "retired").map((m) => m.id);
      throw new ProviderError("ideogram", "bad_request", `${request.model} is not Ideogram's ${tool} endpoint${serving.length ? ` (use ${serving.join(", ")})` : ""}`);
    }
    return model;
  }

  /** Text to image; on 3.0, `background: "transparent"` uses the transparent-background endpoint (palette then in words). */
  async generate(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const call = this.check(request);
    // From reference images: a remix of the first (the only image 4.0's remix takes); on 3.0 the others go with it as
    // style references. Generate itself takes no image to follow, only style references.
    const [first, ...rest] = request.references ?? [];
    if (first) return this.remix(withLegend(request, 0), call, first, context, rest);
    if (call.settings.version === 4) {
      return this.perImage(request, (i) => {
        const form = this.v4Form(request, call.settings);
        if (request.seed !== undefined) form.set("seed", String(request.seed + i));
        return this.run("ideogram-v4/generate", form, request, call, context);
      });
    }
    const transparent = request.background === "transparent";
    const form = this.v3Form(request, call.settings, { palette: !transparent, styleType: !transparent, negative: true });
    form.set("aspect_ratio", request.aspectRatio.replace(":", "x"));
    return this.run(transparent ? "ideogram-v3/generate-transparent" : "ideogram-v3/generate", form, request, call, context);
  }

  /** Remix: the source plus `image_weight` (how closely to follow it) from our strength (how far to move). */
  async variations(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const call = this.check(request, true);
    return this.remix(withLegend(request, 1), call, request.source!, context, request.references ?? []);
  }

  /** With a mask (3.0): inpaint the masked area. Without one: a remix of the whole image guided by the prompt. */
  async edit(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const call = this.check(request, true);
    const source = request.source!;
    if (!request.mask) return this.remix(withLegend(request, 1), call, source, context, request.references ?? []);
    // Inpaint has no negative_prompt field, so it is said in the prompt; the output keeps the source's size. References
    // go as style_reference_images, which the 3.0 edit endpoint documents (inpaint is its successor).
    const form = this.v3Form(withLegend(request, 1), call.settings, { palette: true, styleType: true, negative: false });
    form.set("image", await upload(source), "image.png");
    await appendStyleReferences(form, request.references ?? []);
    form.set("mask", new Blob([new Uint8Array(await toIdeogramMask(request.mask, source.width, source.height))], { type: "image/png" }), "mask.png");
    return this.run("ideogram-v3/inpaint", form, request, call, context);
  }

  async health(signal: AbortSignal): Promise<{ healthy: boolean; message?: string }> {
    try {
      const response = await fetch(`${this.baseUrl}/models?scope=owned`, { headers: { "Api-Key": this.config.apiKey }, signal });
      if (!response.ok) throw await ideogramFailure(response, this.baseUrl);
      await response.body?.cancel();
      return { healthy: true };
    } catch (error) {
      return { healthy: false, message: transportError("ideogram", error, signal).message };
    }
  }

  private price(model: ModelInfo, settings: Settings, request: GenerateRequest): number {
    const transparent = settings.version === 3 && request.background === "transparent" && !request.source;
    return transparent ? (settings.transparentCostPerImageUsd ?? model.costPerImageUsd) : model.costPerImageUsd;
  }

  /** Refuses, before anything is sent, what the model cannot do. */
  private check(request: GenerateRequest, needsSource = false): Call {
    const bad = (message: string) => new ProviderError("ideogram", "bad_request", message);
    const model = this.models.find((m) => m.id === request.model);
    if (!model) throw bad(`Unknown Ideogram model ${request.model}`);
    if (model.lifecycle?.status === "retired") throw bad(`${model.id} was retired${model.lifecycle.successor ? ` (its successor is ${model.lifecycle.successor})` : ""}; it is never sent`);
    const settings = this.settings.get(model.id);
    if (!settings || !model.capabilities.generate) throw bad(`${model.id} is a tool endpoint: it makes no pictures from a prompt`);
    const c = model.capabilities;
    if (!Number.isInteger(request.n) || request.n < 1 || request.n > c.maxImages) {
      throw bad(`${model.id} makes ${c.maxImages === 1 ? "one image" : `1–${c.maxImages} images`} per call, not ${request.n}`);
    }
    if (request.seed !== undefined && !(Number.isInteger(request.seed) && request.seed >= 0 && request.seed + request.n - 1 <= 2147483647)) {
      throw bad("Ideogram seeds are integers in [0, 2147483647]");
    }
    if (needsSource && !request.source) throw bad("This call needs a source image");
    const references = request.references ?? [];
    const inputs = references.length + (needsSource ? 1 : 0);
    if (references.length) {
      if (inputs > (c.maxReferenceImages ?? 0)) throw bad(`${model.id} takes at most ${c.maxReferenceImages ?? 0} input images per call, not ${inputs}`);
      if (request.background === "transparent" && !request.source) throw bad(`${model.id} cannot make a transparent background from reference images (remix has no transparent output)`);
      // The first reference of a generation is the remix image; the rest (all of them on an edit) are style references.
      const style = needsSource ? references : references.slice(1);
      if (style.reduce((total, r) => total + r.data.length, 0) > STYLE_REFERENCE_BYTES) throw bad("Ideogram takes at most 10MB of style reference images in all");
    }
    if (request.mask && !c.mask) throw bad(`${model.id} cannot edit with a mask (Ideogram 3.0 models can)`);
    if (request.background === "transparent" && !request.source && !c.transparentBackground) throw bad(`${model.id} cannot make transparent backgrounds (Ideogram 3.0 models can)`);
    if (settings.version === 4) {
      // `resolution` is one of a fixed list: the model's pixel table at each of its size classes.
      const spec = c.sizes;
      const scales = [1, ...Object.values(c.resolutions ?? {})];
      const sizes =
        spec.kind === "aspect" ? Object.values(spec.pixels).flatMap((p) => scales.map((s) => p.split("x").map((v) => Number(v) * s).join("x"))) : spec.kind === "exact" ? spec.sizes : [];
      if (!sizes.includes(`${request.width}x${request.height}`)) throw bad(`${model.id} does not make ${request.width}×${request.height}`);
    } else if (!(c.sizes.kind === "aspect" && c.sizes.ratios.includes(request.aspectRatio))) {
      throw bad(`${model.id} does not offer the aspect ratio ${request.aspectRatio}`);
    }
    return { model, settings, price: this.price(model, settings, request) };
  }

  /** 4.0 answers one image per call: n images are n concurrent calls (all of them must succeed). */
  private async perImage(request: GenerateRequest, one: (i: number) => Promise<GenerateResult>): Promise<GenerateResult> {
    const results = await Promise.all(Array.from({ length: request.n }, (_, i) => one(i)));
    if (results.length === 1) return results[0];
    // The first call's prompt and seed (the others' are the same prompt, seeds +1).
    return { images: results.flatMap((r) => r.images), sent: results[0].sent, model: request.model, costUsd: results.reduce((sum, r) => sum + (r.costUsd ?? 0), 0) };
  }

  /** A remix of `source` (the image to follow), with `styleReferences` as 3.0's style_reference_images. */
  private async remix(request: GenerateRequest, call: Call, source: SourceImage, context: ProviderContext, styleReferences: ReferenceImage[]): Promise<GenerateResult> {
    if (call.settings.version === 4) {
      // remix-v4 documents one `image` and no style references, whatever a catalog entry claims.
      if (styleReferences.length) throw new ProviderError("ideogram", "bad_request", `${call.model.id} (Ideogram 4.0) takes one input image, not ${styleReferences.length + 1}`);
      const image = await upload(source);
      return this.perImage(request, () => {
        const form = this.v4Form(request, call.settings);
        form.set("image", image, "image.png");
        if (request.strength !== undefined) form.set("image_weight", imageWeight(request.strength));
        return this.run("ideogram-v4/remix", form, request, call, context);
      });
    }
    const form = this.v3Form(request, call.settings, { palette: true, styleType: true, negative: true });
    form.set("image", await upload(source), "image.png");
    await appendStyleReferences(form, styleReferences);
    form.set("aspect_ratio", request.aspectRatio.replace(":", "x"));
    if (request.strength !== undefined) form.set("image_weight", imageWeight(request.strength));
    return this.run("ideogram-v3/remix", form, request, call, context);
  }

  /** 4.0 takes the prompt as words only: style, palette and what to avoid are folded in. */
  private v4Form(request: GenerateRequest, settings: Settings): FormData {
    const form = new FormData();
    form.set("text_prompt", composePrompt(request));
    form.set("rendering_speed", settings.renderingSpeed);
    form.set("resolution", `${request.width}x${request.height}`);
    return form;
  }

  private v3Form(request: GenerateRequest, settings: Settings, native: { palette: boolean; styleType: boolean; negative: boolean }): FormData {
    const [styleType, styleWords] = STYLES[request.style ?? "none"];
    const words = [request.prompt.trim()];
    if (styleWords) words.push(`Style: ${styleWords}.`);
    if (request.palette?.length && !native.palette) words.push(`Colour palette: ${request.palette.join(", ")}.`);
    if (request.negativePrompt?.trim() && !native.negative) words.push(`Avoid: ${request.negativePrompt.trim()}.`);
    const form = new FormData();
    form.set("prompt", joinPrompt(words));
    form.set("rendering_speed", settings.renderingSpeed);
    form.set("num_images", String(request.n));
    if (request.seed !== undefined) form.set("seed", String(request.seed));
    if (native.negative && request.negativePrompt?.trim()) form.set("negative_prompt", request.negativePrompt.trim());
    if (native.styleType && styleType) form.set("style_type", styleType);
    if (native.palette && request.palette?.length) form.set("color_palette", ideogramPalette(request.palette));
    return form;
  }

  private async run(endpoint: string, form: FormData, request: GenerateRequest, call: Call, context: ProviderContext): Promise<GenerateResult> {
    const answer = await postIdeogram<{ data?: IdeogramImage[] }>({ baseUrl: this.baseUrl, apiKey: this.config.apiKey, path: `/v1/${endpoint}`, body: form, model: request.model, context });
    const data = answer.data ?? [];
    const sent = sentOf(form);
    // An image whose prompt Ideogram answers differently (magic prompt) keeps that one as its revisedPrompt.
    const images = await downloadImages(data, context, sent.prompt ?? undefined);
    // The answer says nothing of billing: count every image rendered, withheld ones too (the cautious side for budgets).
    return { images, sent, model: request.model, costUsd: data.length * call.price };
  }
}

