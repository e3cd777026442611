import type { ProviderModel, Usage } from "@/components/api/generation";
import { formatUsd } from "@/components/api/providers";

interface Props {
  model: ProviderModel | undefined;
  n: number;
  usage: Usage | null;
  local?: boolean;
  /** An animated GIF: the price of one, as a multiple of the model's per-image price (see animationCostScale). */
  animationScale?: number;
}

/** What the next generation will cost (price × n) and, for paid providers, what is left of today's budget. */
export function CostEstimate({ model, n, usage, local, animationScale }: Props) {
  if (!model) return null;
  const each = model.costPerImageUsd * (animationScale ?? 1);
  const what = animationScale ? "animated GIF" : "image";
  const total = each * n;
  const left = usage?.budget.leftUsd;
  const over = total > 0 && left !== undefined && total > left;
  const title =
    total > 0
      ? `${n} × ${formatUsd(each)} per ${what}${left !== undefined ? ` · ${formatUsd(left)} of ${formatUsd(usage!.budget.limitUsd)} left today` : ""}`
      : local
        ? "The local renderer draws on this server: no API key, no cost"
        : "This model costs nothing per image";

  return (
    <p data-testid="cost-estimate" title={title} className="flex items-baseline gap-1.5 text-xs whitespace-nowrap text-muted" aria-live="polite">
      <span className="sr-only">Estimated cost:</span>
      {total > 0 ? (
        <>
          <span className={`text-sm font-semibold tabular-nums ${over ? "text-danger" : "text-fg"}`}>≈ {formatUsd(total)}</span>
          {n > 1 && <span className="tabular-nums">({n} × {formatUsd(each)})</span>}
          {over && <span className="text-danger">· over today&apos;s budget</span>}
        </>
      ) : (
        <>
          <span className="text-sm font-semibold text-success">Free</span>
        </>
      )}
    </p>
  );
}
