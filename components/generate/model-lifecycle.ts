/**
 * Models come and go: what the providers listing says about a model's life cycle (GET /api/v1/providers
 * `lifecycle`), in words for the model menu, the prompt bar, compare and the image page. Retired models are never
 * offered; a request that still names one (a "Reuse settings" link, a remembered set-up) is served by its
 * successor, and the studio says so.
 */
import type { Provider, ProviderModel } from "@/components/api/generation";

export const isRetired = (model: ProviderModel | undefined) => model?.lifecycle?.status === "retired";
export const isDeprecated = (model: ProviderModel | undefined) => model?.lifecycle?.status === "deprecated";

/** The models of a provider a person may choose: those that generate and are not retired. */
export const liveModels = (provider: Provider | undefined): ProviderModel[] =>
  provider?.models.filter((m) => m.capabilities.generate && !isRetired(m)) ?? [];

/** Whether this is the model that serves when the provider is chosen without one. */
export const isDefaultModel = (provider: Provider | undefined, model: ProviderModel) =>
  Boolean(model.default) || (provider?.defaultModel != null && provider.defaultModel === model.id);

/** The model a provider is chosen with: its default (when it may be chosen), else its first live model. */
export function defaultModelOf(provider: Provider | undefined): ProviderModel | undefined {
  const live = liveModels(provider);
  return live.find((m) => m.default) ?? live.find((m) => m.id === provider?.defaultModel) ?? live[0];
}

/** A model's label by id within a provider, or the id itself when the listing does not know it. */
export function modelLabel(provider: Provider | undefined, id: string | null | undefined): string {
  if (!id) return "";
  return provider?.models.find((m) => m.id === id)?.label ?? id;
}

/** The live model that replaces a deprecated or retired one: its named successor, else the provider's default. */
export function successorOf(provider: Provider | undefined, model: ProviderModel): ProviderModel | undefined {
  const named = model.lifecycle?.successor;
  const live = liveModels(provider).filter((m) => m.id !== model.id);
  return (named ? live.find((m) => m.id === named) : undefined) ?? (isRetired(model) ? defaultModelOf(provider) : undefined);
}

/** "Oct 23, 2026" for "2026-10-23" (a calendar day: no time zone may move it). */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

export interface LifecycleBadge {
  id: "retiring" | "deprecated" | "retired";
  label: string;
  /** The tooltip: when, what replaces it, and the provider's own words where it gave some. */
  title: string;
}

/** "Retiring on Oct 29, 2026" (or "Deprecated" without a date) for a model on its way out; null for an active one. */
export function lifecycleBadge(model: ProviderModel, provider?: Provider): LifecycleBadge | null {
  const l = model.lifecycle;
  if (!l || l.status === "active") return null;
  const next = successorOf(provider, model);
  const successor = next ? ` ${next.label} replaces it.` : l.successor ? ` ${modelLabel(provider, l.successor)} replaces it.` : "";
  const said = l.message ? ` ${l.message.trim().replace(/([^.!?])$/, "$1.")}` : "";
  if (l.status === "retired") {
    const when = l.shutdownDate ? ` on ${formatDay(l.shutdownDate)}` : "";
    return { id: "retired", label: "Retired", title: `Retired${when}.${successor}${said}` };
  }
  if (l.shutdownDate) {
    const day = formatDay(l.shutdownDate);
    return { id: "retiring", label: `Retiring on ${day}`, title: `Deprecated: the provider shuts it down on ${day}.${successor}${said}` };
  }
  return { id: "deprecated", label: "Deprecated", title: `Deprecated: the provider will shut it down.${successor}${said}` };
}

/** A short "· retiring Oct 29, 2026" / "· deprecated" for a select's option text. */
export function lifecycleSuffix(model: ProviderModel): string {
  const l = model.lifecycle;
  if (!l || l.status === "active") return "";
  if (l.status === "retired") return " · retired";
  return l.shutdownDate ? ` · retiring ${formatDay(l.shutdownDate)}` : " · deprecated";
}

/**
 * What the prompt bar says when its model was retired: "GPT Image 1 was retired on Oct 23, 2026: GPT Image 2.5 Flare
 * makes these images instead." The request still names the retired model; the server serves the successor and
 * records the change on the image.
 */
export function retiredNotice(provider: Provider | undefined, retired: ProviderModel, serving: ProviderModel | undefined): string {
  const when = retired.lifecycle?.shutdownDate ? ` on ${formatDay(retired.lifecycle.shutdownDate)}` : "";
  const head = `${retired.label} was retired${when}`;
  if (!serving) return `${head}, and nothing replaces it: choose another model.`;
  const named = retired.lifecycle?.successor === serving.id ? "" : ` (${provider ? provider.name : "the provider"}'s default)`;
  return `${head}: ${serving.label}${named} makes these images instead, and each image records the change.`;
}

/** What the prompt bar says when its model is deprecated: when it goes, and what to move to. */
export function deprecatedNotice(provider: Provider | undefined, model: ProviderModel): string {
  const day = model.lifecycle?.shutdownDate;
  const next = successorOf(provider, model);
  const when = day ? ` and retires on ${formatDay(day)}` : "";
  return `${model.label} is deprecated${when}.${next ? ` ${next.label} replaces it.` : ""}`;
}

/** `params.modelMigration` of a stored image: the retired model asked for and the one that served. */
export interface ModelMigration {
  provider?: string;
  requested: string;
  served: string;
  reason?: string;
  retiredOn?: string;
}

export function modelMigrationOf(params: unknown): ModelMigration | null {
  const m = (params as { modelMigration?: unknown } | null | undefined)?.modelMigration as Record<string, unknown> | undefined;
  if (!m || typeof m !== "object" || typeof m.requested !== "string" || typeof m.served !== "string") return null;
  return {
    requested: m.requested,
    served: m.served,
    ...(typeof m.provider === "string" ? { provider: m.provider } : {}),
    ...(typeof m.reason === "string" ? { reason: m.reason } : {}),
    ...(typeof m.retiredOn === "string" && m.retiredOn ? { retiredOn: m.retiredOn } : {}),
  };
}

/** "Requested gpt-image-1 · served by gpt-image-2.5-flare — gpt-image-1 was retired on Oct 23, 2026". */
export function migrationText(migration: ModelMigration): string {
  const when = migration.retiredOn ? ` on ${formatDay(migration.retiredOn)}` : "";
  return `Requested ${migration.requested} · served by ${migration.served} — ${migration.requested} was retired${when}`;
}
