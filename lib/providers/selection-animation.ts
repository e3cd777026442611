// Selection's part for animated output: which models may serve an animation (`capabilities.animation`), the frame
// size it gets from each (a frame's, fitted to the sheet its frames are drawn on: ./animation.ts), and the sentence
// that names the models that can when the one asked for cannot.
import { animationFrameSize, frameCountError, frameDurationError } from "./animation";
import type { Needs } from "./selection";
import { ratioOf, type ResolvedSize, type SizeWish } from "./sizes";
import type { ImageProvider, ModelInfo, ProviderId } from "./types";

/** Why a model cannot make the animation asked for (frame count, frame duration), or null (also for a still). */
export function animationUnfitReason(model: ModelInfo, needs: Needs): string | null {
  const animation = needs.animation;
  if (!animation) return null;
  const spec = model.capabilities.animation;
  if (!spec) return `${model.id} cannot make animated GIFs`;
  if (needs.operation !== "generate") return `${model.id} animates generations only, not ${needs.operation}`;
  const why = frameCountError(spec, animation.frames) ?? frameDurationError(spec, animation.frameDurationMs);
  return why ? `${model.id}: ${why}` : null;
}

const ratioValue = (ratio: string) => {
  const [w, h] = ratio.split(":").map(Number);
  return w / h;
};

/** The frame size a model makes for the wish: the asked pixels checked against its sheet, else its default frame. */
export function animatedSize(model: ModelInfo, needs: Needs, wish: SizeWish): ResolvedSize | { error: string } {
  const spec = model.capabilities.animation!;
  const ratio = wish.aspectRatio ? ratioValue(wish.aspectRatio) : undefined;
  if (ratio !== undefined && !(Number.isFinite(ratio) && ratio > 0)) return { error: `aspectRatio "${wish.aspectRatio}" is not a ratio such as 16:9` };
  const size = animationFrameSize(spec, { frames: needs.animation!.frames, n: needs.n, width: wish.width, height: wish.height, ratio });
  if ("error" in size) return size;
  return { ...size, aspectRatio: wish.aspectRatio && wish.width === undefined && wish.height === undefined ? wish.aspectRatio : ratioOf(size.width, size.height) };
}

/** "Animated GIFs are made by openai/gpt-image-2.6-flare, …" — every live model that animates, configured or not. */
export function noAnimationMessage(providers: ImageProvider[], retired: (provider: ProviderId, model: ModelInfo) => boolean): string {
  const able = providers.flatMap((p) => p.models.filter((m) => m.capabilities.animation && !retired(p.id, m)).map((m) => ({ provider: p, model: m })));
  if (!able.length) return "no model of this server makes animated GIFs";
  const names = able.map((a) => `${a.provider.id}/${a.model.id}`).join(", ");
  const off = [...new Set(able.filter((a) => !a.provider.isConfigured()).map((a) => a.provider.name))];
  return `animated GIFs are made by ${names}${off.length ? ` (${off.join(", ")} not configured on this server)` : ""}`;
}
