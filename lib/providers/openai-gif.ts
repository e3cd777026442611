// gpt-image-2.6's animated GIF in the OpenAI adapter: the body fields of such a request, the checks before it is
// sent, and what the answer is. OpenAI's own reference did not state the field names or numbers in what could be
// consulted (December 2026); the adapter follows these documents, which agree with one another:
//   - replicate.com/openai/gpt-image-2.6-sunburst and …/gpt-image-2.6-flare (versions' API schemas, which pass the
//     fields through to OpenAI): `output_format` "gif" "returns an animated GIF"; `frame_count` integer, default 9,
//     min 2, max 16, "Number of frames in a GIF. Ignored for other formats".
//   - docs.comfy.org/built-in-nodes/OpenAIGPTImageGIFNode: `frame_count` 2–16 (default 9), billed in steps 2–8, 9,
//     10–12, 13–16; `frame_duration_ms` 20–2000 in steps of 10 (default 200; 200 ms = 5 fps); the size is "the size
//     of each frame"; a large size with many frames is refused ("Size too large for this frame count").
//   - raw.githubusercontent.com/openai/codex/rust-v0.168.0/codex-rs/ext/image-generation/imagegen_gif_description.md
//     (OpenAI's own Codex): "2–16 frames", defaults "9 frames, 200 ms per frame", fields `frame_count` and
//     `frame_duration_ms`.
//   - docs.apiyi.com/en/live/2026-11/gpt-image-2-6-gif-size-table (2026-11-09): OpenAI "only states that frame count,
//     frame dimensions, and the number of animations must fit the model's limits and the total request pixel budget";
//     frame sides multiples of 16; measured: 8,294,400 px budget, 3840 px edge, square frames at most 960 (2–9
//     frames), 816 (10–12), 720 (13–16); GIF also from the edit endpoint.
//   - dev.to/super_lewis "Animated GIFs and markup-guided edits with the GPT Image 2.6 API" (2026-11-05): every frame is
//     laid out on one sheet; six 1024×1024 frames were refused before drawing (a 4096 px sheet, 256 px over).
//   - skills.sh/varghq/skills/gpt-image-gif: output_format "gif" returns "a real animated GIF" in `b64_json`; the frames
//     "share one image's pixel budget, and one image's price".
// Unconfirmed, and how the studio treats it: the sheet's grid per band (lib/providers/animation.ts: the reading that
// reproduces every reported cap); the price (estimated as ONE picture of the sheet's size — every cell of the band —
// the exact cost still comes from the answer's `usage`); whether edits take GIF output (docs.apiyi.com and
// docs.laozhang.ai say yes, Replicate's wrapper says generation only — the studio sends it on both, and OpenAI's
// refusal, if any, is shown); whether streaming partial images works for a GIF (the studio does not stream one);
// whether OpenAI refuses a frame count outside 2–16 or falls back to 9 (a reseller's route fell back; the studio
// refuses before sending); the response's `output_format` ("gif" assumed; the bytes are sniffed anyway).
import { animationSizeError, frameDurationError } from "./animation";
import { ProviderError, type GenerateRequest, type GeneratedImage, type ModelInfo } from "./types";

/** The Images API fields of an animated request (they replace output_format / output_compression). */
export function gifFields(animation: NonNullable<GenerateRequest["animation"]>) {
  return { output_format: "gif", frame_count: animation.frames, frame_duration_ms: animation.frameDurationMs } as const;
}

/**
 * Throws bad_request when the model makes no animation or the request does not fit it — before anything is sent.
 * True when the request is animated (its size is then a frame's, checked here rather than as a still's).
 */
export function checkAnimation(model: ModelInfo, request: GenerateRequest): boolean {
  const animation = request.animation;
  if (!animation) return false;
  const spec = model.capabilities.animation;
  if (!spec) throw new ProviderError("openai", "bad_request", `${model.id} does not make animated GIFs`);
  if (request.outputFormat) throw new ProviderError("openai", "bad_request", `An animation is a GIF: output format ${request.outputFormat} does not apply`);
  const why = animationSizeError(spec, animation.frames, request.width, request.height, request.n) ?? frameDurationError(spec, animation.frameDurationMs);
  if (why) throw new ProviderError("openai", "bad_request", `${model.id}: ${why}`);
  return true;
}

/** The answer's images, each recording the animation it was asked for (kept in the image's params). */
export function withAnimation(images: GeneratedImage[], request: GenerateRequest): GeneratedImage[] {
  const animation = request.animation;
  if (!animation) return images;
  return images.map((image) => ({ ...image, params: { ...image.params, animation: { frames: animation.frames, frameDurationMs: animation.frameDurationMs } } }));
}
