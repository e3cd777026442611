import type { GenerateRequest } from "@/lib/providers/types";
import type { GenerationBody } from "./generation-schema";

/** What a generate job carries: the request as validated, and who may serve it, in order. */
export interface GenerationInput extends GenerationBody {
  budgetDay: string;
  candidates: Array<{ provider: string; model: string; width: number; height: number; aspectRatio: string }>;
}

/** The provider request for a candidate. */
export function providerRequest(input: GenerationBody, candidate: GenerationInput["candidates"][number]): GenerateRequest {
  return {
    prompt: input.prompt,
    negativePrompt: input.negativePrompt,
    model: candidate.model,
    width: candidate.width,
    height: candidate.height,
    aspectRatio: candidate.aspectRatio,
    n: input.n,
    seed: input.seed,
    style: input.imageType === "icon" ? "icon" : input.style,
    quality: input.quality,
    background: input.background,
    palette: input.palette,
  };
}

