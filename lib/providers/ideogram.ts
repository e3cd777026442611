import "server-only";
import sharp from "sharp";
import { httpError, transportError } from "./http-errors";
import {
  ProviderError,
  type GenerateRequest,
  type GenerateResult,
  type GeneratedImage,
  type ImageProvider,
  type ModelInfo,
  type ProviderContext,
  type SourceImage,
  type StylePreset,
} from "./types";

export interface IdeogramProviderConfig {
  /** IDEOGRAM_API_KEY, sent as the `Api-Key` header. */
  apiKey: string;
  /** IDEOGRAM_BASE_URL, default https://api.ideogram.ai. */
  baseUrl?: string;
}

/** Hosts Ideogram serves result images from (https://ideogram.ai/api/images/direct/…): for the fetchResult allow-list. */
export const IDEOGRAM_RESULT_HOSTS = [".ideogram.ai"];

/** Ideogram 3.0's aspect ratios (ours "16:9" ↔ theirs "16x9") and the resolution it renders for each. */
const PIXELS: Record<string, string> = {
  "1:1": "1024x1024", "16:9": "1312x736", "9:16": "736x1312", "4:3": "1152x864", "3:4": "864x1152",
  "3:2": "1248x832", "2:3": "832x1248", "16:10": "1280x800", "10:16": "800x1280", "5:4": "1120x896",
  "4:5": "896x1120", "2:1": "1408x704", "1:2": "704x1408", "3:1": "1536x512", "1:3": "512x1536",
};
/** Our model ids are Ideogram 3.0's rendering speeds. */
const SPEEDS: Record<string, string> = { "ideogram-v3-turbo": "TURBO", "ideogram-v3": "DEFAULT", "ideogram-v3-quality": "QUALITY" };

const model = (id: string, label: string, costPerImageUsd: number): ModelInfo => ({
  id, label, costPerImageUsd,
  capabilities: {
    generate: true, edit: true, variations: true, mask: true, transparentBackground: true, negativePrompt: true, seed: true,
    maxImages: 8, // num_images 1–8 on every v3 endpoint
    sizes: { kind: "aspect", ratios: Object.keys(PIXELS), pixels: PIXELS },
  },
});
export const IDEOGRAM_MODELS: ModelInfo[] = [
  model("ideogram-v3-turbo", "Ideogram 3.0 Turbo", 0.03),
  model("ideogram-v3", "Ideogram 3.0", 0.06),
  model("ideogram-v3-quality", "Ideogram 3.0 Quality", 0.09),
];

/** Our style presets as Ideogram's style_type plus words for the prompt (style_type alone is coarse). */
const STYLES: Record<StylePreset, [string | undefined, string]> = {
  none: [undefined, ""], photorealistic: ["REALISTIC", ""], illustration: ["FICTION", "digital illustration"],
  "3d": ["FICTION", "3D render"], anime: ["FICTION", "anime style"], painting: ["FICTION", "painterly, visible brush strokes"],
  "pixel-art": ["DESIGN", "pixel art"], "line-art": ["DESIGN", "clean line art"], icon: ["DESIGN", "simple flat app icon, centered"],
};
const UPLOAD_TYPES = ["image/png", "image/jpeg", "image/webp"];

/**
 * Our palette as Ideogram's `color_palette` members, weights descending from 1 (the documented range is
 * 0.05–1.0, and descending weights are recommended) so the first colour leads.
 */
export function ideogramPalette(palette: string[]): string {
  const members = palette.map((hex, i) => ({ color_hex: hex, color_weight: Math.max(0.05, Math.round((1 - i / palette.length) * 100) / 100) }));
  return JSON.stringify({ members });
}

/**
 * Our mask (white = change, black = keep, any size) as Ideogram's: black = edit, white = keep, exactly the
 * source's size, pure black and white. Transparent pixels count as "keep".
 */
export async function toIdeogramMask(mask: SourceImage, width: number, height: number): Promise<Buffer> {
  return sharp(mask.data)
    .flatten({ background: "#000000" })
    .resize(width, height, { fit: "fill" })
    .greyscale()
    .threshold(128)
    .negate({ alpha: false })
    .toColourspace("b-w")
    .png()
    .toBuffer();
}

/** Image bytes in a format the uploads accept (JPEG, PNG, WebP), as a multipart file. */
async function upload(image: SourceImage): Promise<Blob> {
  const png = UPLOAD_TYPES.includes(image.mimeType) ? image.data : await sharp(image.data).png().toBuffer();
  return new Blob([new Uint8Array(png)], { type: UPLOAD_TYPES.includes(image.mimeType) ? image.mimeType : "image/png" });
}

interface IdeogramImage {
  url?: string | null;
  prompt?: string;
  resolution?: string;
  is_image_safe?: boolean;
  seed?: number;
}

export class IdeogramProvider implements ImageProvider {
  readonly id = "ideogram" as const;
  readonly name = "Ideogram";
  readonly models = IDEOGRAM_MODELS;
  private readonly baseUrl: string;

  constructor(private readonly config: IdeogramProviderConfig) {
    this.baseUrl = (config.baseUrl ?? "https://api.ideogram.ai").replace(/\/+$/, "");
  }

  isConfigured(): boolean {
    return Boolean(this.config.apiKey);
  }

  estimateCost(request: GenerateRequest): number {
    return (this.models.find((m) => m.id === request.model)?.costPerImageUsd ?? 0) * request.n;
  }

  /** Text to image; `background: "transparent"` uses the transparent-background endpoint (palette then in words). */
  async generate(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    this.check(request);
    const transparent = request.background === "transparent";
    const form = this.form(request, { palette: !transparent, styleType: !transparent, negative: true });
    form.set("aspect_ratio", request.aspectRatio.replace(":", "x"));
    return this.run(transparent ? "generate-transparent" : "generate", form, request, context);
  }

  /** Remix: the source plus `image_weight` (1–100, how closely to follow it) from our strength (how far to move). */
  async variations(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const source = this.check(request, true);
    return this.run("remix", await this.remixForm(request, source), request, context);
  }

  /** With a mask: inpaint the masked area. Without one: a remix of the whole image guided by the prompt. */
  async edit(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const source = this.check(request, true);
    if (!request.mask) return this.run("remix", await this.remixForm(request, source), request, context);
    // Inpaint has no negative_prompt field, so it is said in the prompt; the output keeps the source's size.
    const form = this.form(request, { palette: true, styleType: true, negative: false });
    form.set("image", await upload(source), "image.png");
    form.set("mask", new Blob([new Uint8Array(await toIdeogramMask(request.mask, source.width, source.height))], { type: "image/png" }), "mask.png");
    // /v1/ideogram-v3/edit takes the same form but is documented as legacy ("use /v1/ideogram-v3/inpaint instead").
    return this.run("inpaint", form, request, context);
  }

  async health(signal: AbortSignal): Promise<{ healthy: boolean; message?: string }> {
    try {
      const response = await fetch(`${this.baseUrl}/models?scope=owned`, { headers: { "Api-Key": this.config.apiKey }, signal });
      if (!response.ok) throw await this.failure(response);
      await response.body?.cancel();
      return { healthy: true };
    } catch (error) {
      return { healthy: false, message: transportError("ideogram", error, signal).message };
    }
  }

  private check(request: GenerateRequest, needsSource = false): SourceImage {
    const bad = (message: string) => new ProviderError("ideogram", "bad_request", message);
    if (!SPEEDS[request.model]) throw bad(`Unknown Ideogram model ${request.model}`);
    if (!PIXELS[request.aspectRatio]) throw bad(`Ideogram 3.0 does not offer the aspect ratio ${request.aspectRatio}`);
    if (!Number.isInteger(request.n) || request.n < 1 || request.n > 8) throw bad(`Ideogram returns 1–8 images per call, not ${request.n}`);
    if (request.seed !== undefined && !(Number.isInteger(request.seed) && request.seed >= 0 && request.seed <= 2147483647)) {
      throw bad("Ideogram seeds are integers in [0, 2147483647]");
    }
    if (needsSource && !request.source) throw bad("This call needs a source image");
    return request.source!;
  }

  private form(request: GenerateRequest, native: { palette: boolean; styleType: boolean; negative: boolean }): FormData {
    const [styleType, styleWords] = STYLES[request.style ?? "none"];
    const words = [request.prompt.trim()];
    if (styleWords) words.push(`Style: ${styleWords}.`);
    if (request.palette?.length && !native.palette) words.push(`Colour palette: ${request.palette.join(", ")}.`);
    if (request.negativePrompt?.trim() && !native.negative) words.push(`Avoid: ${request.negativePrompt.trim()}.`);
    const form = new FormData();
    form.set("prompt", words.join(" "));
    form.set("rendering_speed", SPEEDS[request.model]);
    form.set("num_images", String(request.n));
    if (request.seed !== undefined) form.set("seed", String(request.seed));
    if (native.negative && request.negativePrompt?.trim()) form.set("negative_prompt", request.negativePrompt.trim());
    if (native.styleType && styleType) form.set("style_type", styleType);
    if (native.palette && request.palette?.length) form.set("color_palette", ideogramPalette(request.palette));
    return form;
  }

  private async remixForm(request: GenerateRequest, source: SourceImage): Promise<FormData> {
    const form = this.form(request, { palette: true, styleType: true, negative: true });
    form.set("image", await upload(source), "image.png");
    form.set("aspect_ratio", request.aspectRatio.replace(":", "x"));
    if (request.strength !== undefined) form.set("image_weight", String(Math.min(100, Math.max(1, Math.round((1 - request.strength) * 100)))));
    return form;
  }

  private async failure(response: Response): Promise<ProviderError> {
    const text = await response.text().catch(() => "");
    let message = text.slice(0, 500) || response.statusText;
    try {
      const body = JSON.parse(text) as { error?: unknown; detail?: unknown; message?: unknown };
      message = String(body.error ?? body.detail ?? body.message ?? message);
    } catch {
      /* not JSON: keep the text */
    }
    if (response.status === 422) {
      return new ProviderError("ideogram", "content_policy", `ideogram refused: ${message}`, { status: 422 });
    }
    return httpError("ideogram", response.status, message, response.headers);
  }

  private async run(endpoint: string, form: FormData, request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    const { signal } = context;
    let answer: { data?: IdeogramImage[] };
    try {
      signal.throwIfAborted();
      const response = await fetch(`${this.baseUrl}/v1/ideogram-v3/${endpoint}`, {
        method: "POST",
        headers: { "Api-Key": this.config.apiKey, accept: "application/json" },
        body: form,
        signal,
      });
      if (!response.ok) throw await this.failure(response);
      answer = (await response.json()) as { data?: IdeogramImage[] };
    } catch (error) {
      throw transportError("ideogram", error, signal);
    }
    const data = answer.data ?? [];
    const safe = data.filter((d): d is IdeogramImage & { url: string } => d.is_image_safe !== false && typeof d.url === "string" && d.url.length > 0);
    if (!safe.length) {
      throw new ProviderError("ideogram", "content_policy", `Ideogram withheld ${data.length ? "every image as unsafe" : "all images"}`);
    }
    const sent = String(form.get("prompt"));
    // Result links expire: download at once, and only through the SSRF-guarded downloader.
    const images: GeneratedImage[] = await Promise.all(
      safe.map(async (item) => {
        const { data: bytes, mimeType } = await context.fetchResult(item.url);
        return { data: bytes, mimeType, seed: item.seed, revisedPrompt: item.prompt && item.prompt !== sent ? item.prompt : undefined };
      }),
    );
    const price = this.models.find((m) => m.id === request.model)!.costPerImageUsd;
    // The answer says nothing of billing: count every image rendered, withheld ones too (the cautious side for budgets).
    return { images, model: request.model, costUsd: data.length * price };
  }
}
