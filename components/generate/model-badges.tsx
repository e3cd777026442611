import type { ProviderModel } from "@/components/api/generation";
import { formatUsd } from "@/components/api/providers";

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

export function ModelBadges({ model, local, className = "" }: { model: ProviderModel; local?: boolean; className?: string }) {
  return (
    <ul aria-label="Capabilities and price" data-testid="model-badges" className={`flex flex-wrap items-center gap-1 ${className}`}>
      <li>
        <PriceBadge model={model} local={local} />
      </li>
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
