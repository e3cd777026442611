/** Compare's columns ("lanes"): which provider and model each asks, and what each may change of the shared settings. */
import type { Provider, ProviderModel, StylePreset } from "@/components/api/generation";
import type { StudioGenerationRequest } from "@/components/api/studio";
import { defaultModelOf, isRetired, liveModels } from "@/components/generate/model-lifecycle";
import { randomSeed, type AspectId } from "@/components/generate/settings";
import { referenceBody, type DraftReference, type WithReferences } from "@/components/references/references";

export interface Lane {
  key: number;
  provider: string;
  model: string;
  /** "shared": the style chosen above. */
  style: StylePreset | "shared";
  /** null: the shared seed. */
  seed: number | null;
}

export const maxLanes = 4;
export const laneLetter = (index: number) => String.fromCharCode(65 + index);

/** A model choice as one select value. */
export const choiceValue = (provider: string, model: string) => `${provider}|${model}`;
export function parseChoice(value: string): { provider: string; model: string } {
  const at = value.indexOf("|");
  return at < 0 ? { provider: value, model: "" } : { provider: value.slice(0, at), model: value.slice(at + 1) };
}

/** The configured providers, remote services first, the local renderer last. */
const configuredProviders = (providers: Provider[] | null) =>
  (providers ?? []).filter((p) => p.configured).sort((a, b) => Number(a.local) - Number(b.local));

/**
 * The configured models that generate and are not retired, remote services first, the local renderer last. A
 * comparison never offers a retired model: its column would be answered by another model.
 */
export function usableModels(providers: Provider[] | null): { provider: Provider; model: ProviderModel }[] {
  return configuredProviders(providers).flatMap((p) => liveModels(p).map((model) => ({ provider: p, model })));
}

/** A column's provider and model, if it may still be used (configured, generating, not retired). */
export function findModel(providers: Provider[] | null, lane: Pick<Lane, "provider" | "model">) {
  const provider = providers?.find((p) => p.id === lane.provider && p.configured);
  const model = provider?.models.find((m) => m.id === lane.model && m.capabilities.generate && !isRetired(m));
  return provider && model ? { provider, model } : null;
}

/**
 * The first columns: one per configured provider (its default model), up to three. With a single model there is
 * nothing to set side by side, so the second column is the same model with a seed of its own.
 */
export function defaultLanes(providers: Provider[], nextKey: () => number): Lane[] {
  const lanes: Lane[] = [];
  for (const provider of configuredProviders(providers)) {
    const model = defaultModelOf(provider);
    if (!model || lanes.length >= 3) continue;
    lanes.push({ key: nextKey(), provider: provider.id, model: model.id, style: "shared", seed: null });
  }
  if (lanes.length === 1) lanes.push({ ...lanes[0], key: nextKey(), seed: randomSeed() });
  return lanes;
}

export interface SharedSettings {
  prompt: string;
  negativePrompt: string;
  aspect: AspectId;
  style: StylePreset;
  /** The seed every column uses unless it has its own (drawn once per run when not locked). */
  seed: number;
  /** Reference images every column sends, in the same order with the same labels. */
  references?: DraftReference[];
}

/** The request of one column: its provider and model only (no fallback: another provider would spoil the comparison). */
export function laneRequest(lane: Lane, shared: SharedSettings, model: ProviderModel | undefined): StudioGenerationRequest & WithReferences {
  const style = lane.style === "shared" ? shared.style : lane.style;
  const body: StudioGenerationRequest & WithReferences = {
    prompt: shared.prompt.trim(),
    provider: lane.provider,
    model: lane.model,
    n: 1,
    fallback: false,
    aspectRatio: shared.aspect,
  };
  if (style !== "none") body.style = style;
  if (shared.negativePrompt.trim()) body.negativePrompt = shared.negativePrompt.trim();
  if (model?.capabilities.seed !== false) body.seed = lane.seed ?? shared.seed;
  const references = referenceBody(shared.references ?? []);
  if (references) body.referenceImageIds = references;
  return body;
}
