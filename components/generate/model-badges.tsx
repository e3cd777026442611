import type { Provider, ProviderModel } from "@/components/api/generation";
import { formatUsd } from "@/components/api/providers";
import { isDefaultModel, lifecycleBadge } from "./model-lifecycle";

interface Badge {
  id: string;
  label: string;
  title: string;
}

/** What a model can do beyond generating, as short badges (only the capabilities it has, plus "no seed"). */
export function capabilityBadges(model: ProviderModel): Badge[] {
  const c = model.capabilities;
  const badges: Badge[] = [];
  if (c.edit) badges.push({ id: "edit", label: "Edit", title: "Refines an image from a prompt" });
  if (c.variations) badges.push({ id: "variations", label: "Variations", title: "Makes variations of an image" });
  if (c.mask) badges.push({ id: "mask", label: "Mask", title: "Edits only the masked area" });
  if (c.transparentBackground) badges.push({ id: "transparent", label: "Transparent", title: "Can make a transparent background" });
  if (c.negativePrompt) badges.push({ id: "negative", label: "Negative prompt", title: "Takes a negative prompt natively" });
  if (c.animation) badges.push({ id: "animation", label: "Animated GIF", title: `Makes animated GIFs of ${c.animation.minFrames}–${c.animation.maxFrames} frames` });
  if (c.maxReferenceImages) {
    const n = c.maxReferenceImages;
    badges.push({ id: "references", label: `${n} ref${n === 1 ? "" : "s"}`, title: `Takes up to ${n} reference image${n === 1 ? "" : "s"} (input images in all, a refinement's source included)` });
  }
  badges.push(
    c.seed
      ? { id: "seed", label: "Seed", title: "Takes a seed: the same seed repeats a picture" }
      : { id: "no-seed", label: "No seed", title: "Takes no seed: every run differs" },
  );
  badges.push({ id: "max", label: `Up to ${c.maxImages}`, title: `Up to ${c.maxImages} image${c.maxImages === 1 ? "" : "s"} per call (more are made in several calls)` });
  return badges;
}

/** The price of one image, with the local renderer named as local and free. */
export function PriceBadge({ model, local }: { model: ProviderModel; local?: boolean }) {
  if (local)
    return (
      <span data-testid="price-badge" className="inline-flex items-center gap-1 rounded-full bg-success-soft px-2 py-0.5 text-[11px] font-semibold text-success">
        Local · free
      </span>
    );
  return (
    <span data-testid="price-badge" className="rounded-full bg-raised px-2 py-0.5 text-[11px] font-semibold text-fg tabular-nums">
      {model.costPerImageUsd > 0 ? `${formatUsd(model.costPerImageUsd)} / image` : "Free"}
    </span>
  );
}

/** Where the model stands: "Retiring on …" / "Deprecated" (the successor in the tooltip), and "Default" for the provider's default. */
export function standingBadges(model: ProviderModel, provider?: Provider): Badge[] {
  const badges: Badge[] = [];
  const lifecycle = lifecycleBadge(model, provider);
  if (lifecycle) badges.push(lifecycle);
  if (provider && isDefaultModel(provider, model))
    badges.push({ id: "default", label: "Default", title: `${provider.name} uses this model when none is chosen` });
  return badges;
}

const standingClass: Record<string, string> = {
  retiring: "border-warning/40 bg-warning-soft text-warning",
  deprecated: "border-warning/40 bg-warning-soft text-warning",
  retired: "border-danger/40 bg-danger-soft text-danger",
  default: "border-accent/30 bg-accent-soft text-accent",
};

/** The price, where the model stands (with `provider`: its life cycle and whether it is the default) and what it can do. */
export function ModelBadges({ model, local, provider, className = "" }: { model: ProviderModel; local?: boolean; provider?: Provider; className?: string }) {
  return (
    <ul aria-label="Capabilities and price" data-testid="model-badges" className={`flex flex-wrap items-center gap-1 ${className}`}>
      <li>
        <PriceBadge model={model} local={local} />
      </li>
      {standingBadges(model, provider).map((b) => (
        <li key={b.id} title={b.title} data-badge={b.id} className={`rounded-full border px-1.5 py-px text-[10.5px] font-semibold ${standingClass[b.id]}`}>
          {b.label}
        </li>
      ))}
      {capabilityBadges(model).map((b) => (
        <li
          key={b.id}
          title={b.title}
          data-badge={b.id}
          className={`rounded-full border px-1.5 py-px text-[10.5px] font-medium ${b.id === "no-seed" ? "border-dashed border-line-strong text-subtle" : "border-line text-muted"}`}
        >
          {b.label}
        </li>
      ))}
    </ul>
  );
}
