import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import type { BudgetLimit } from "@/lib/error-codes";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { providerSemaphore } from "@/lib/jobs/provider-slots";
import { currentProviders, providerContext, providers, selectionPreferences } from "@/lib/providers/registry";
import { withRetries } from "@/lib/providers/reliability";
import { ProviderError, type ImageProvider, type ProviderContext, type TextResult, type TextServices } from "@/lib/providers/types";
import { reserveBudget, secondsUntilNextUtcDay, settleBudget, toMicroUsd } from "@/lib/usage/budget";
import { closeCall, openCall, recordUsage } from "@/lib/usage/ledger";
import { limitsOf } from "@/lib/usage/limits";
import { hitRateLimit } from "@/lib/rate-limit";

// One provider text call (describe a picture, enhance a prompt) on a request, with what every provider call has:
// the rate limit, the budget reserved before and settled after, the cost ledger, retries and a timeout per attempt,
// the provider's concurrency slots — and, when no provider was named, the next capable one when one fails.

export type TextKind = "describe" | "enhance";

const whatToConnect: Record<TextKind, string> = {
  describe:
    "Describing a picture needs a provider with a vision model: connect Google Gemini (GEMINI_API_KEY), OpenAI (OPENAI_API_KEY) or Ideogram (IDEOGRAM_API_KEY), or give an OpenAI-compatible server a text model (OPENAI_COMPATIBLE_TEXT_MODEL)",
  enhance: "Enhancing a prompt needs a provider with a text model: connect Google Gemini (GEMINI_API_KEY) or OpenAI (OPENAI_API_KEY)",
};

/** A provider's text services when it offers `kind` now (configured, the service on). */
export function textServicesOf(provider: ImageProvider, kind: TextKind): TextServices | undefined {
  if (!provider.isConfigured()) return undefined;
  const services = provider.textServices?.();
  return services && services[kind] ? services : undefined;
}

/**
 * Who may answer, in order: the named provider (a 400 saying why when it cannot), else the configured default,
 * the fallback order, the other remote providers, and the local provider (offline work) last.
 */
export async function textCandidates(kind: TextKind, named?: string): Promise<Array<{ provider: ImageProvider; services: TextServices }>> {
  await currentProviders();
  const all = providers();
  if (named) {
    const provider = all.find((p) => p.id === named);
    if (!provider) throw new AppError("invalid_request", `Unknown provider "${named}": use one of ${all.map((p) => p.id).join(", ")}`, { details: [{ path: ["provider"], message: "unknown" }] });
    const services = textServicesOf(provider, kind);
    if (!services) {
      const why = provider.isConfigured() ? `${provider.name} cannot ${kind === "describe" ? "describe pictures" : "enhance prompts"} here` : `${provider.name} is not configured on this server`;
      throw new AppError("invalid_request", `${why}. ${whatToConnect[kind]}.`, { details: [{ path: ["provider"], message: "cannot serve" }] });
    }
    return [{ provider, services }];
  }
  const prefs = selectionPreferences();
  const rank = (p: ImageProvider) => (p.id === prefs.defaultProvider ? -1 : prefs.fallbackOrder.includes(p.id) ? prefs.fallbackOrder.indexOf(p.id) : p.id === "local" ? 10_000 : 1_000);
  const ranked = all.flatMap((p) => {
    const services = textServicesOf(p, kind);
    return services ? [{ provider: p, services }] : [];
  });
  // The local enrichment only when nothing remote can: it is a fallback, not a language model.
  ranked.sort((a, b) => Number(Boolean(a.services.local)) - Number(Boolean(b.services.local)) || rank(a.provider) - rank(b.provider));
  if (!ranked.length) throw new AppError("invalid_request", `${whatToConnect[kind]}.`);
  return ranked;
}

export interface TextCallResult extends TextResult {
  provider: ImageProvider;
  services: TextServices;
  costUsd: number;
}

/** Runs `call` with the first candidate that answers; a 502/504 when none does. */
export async function runTextCall(
  user: CurrentUser,
  kind: TextKind,
  candidates: Array<{ provider: ImageProvider; services: TextServices }>,
  call: (provider: ImageProvider, context: ProviderContext) => Promise<TextResult>,
): Promise<TextCallResult> {
  let lastError: ProviderError | undefined;
  for (const { provider, services } of candidates) {
    try {
      return { ...(await callOnce(user, kind, provider, services, call)), provider, services };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      log.warn("text call failed", { kind, provider: provider.id, error: error.message });
      lastError = error;
    }
  }
  const who = lastError?.provider === "local" ? "The local provider" : lastError?.provider;
  if (lastError?.kind === "timeout") throw new AppError("timeout", `${who} did not answer in time.`);
  throw new AppError("provider_error", `${who} could not ${kind === "describe" ? "describe the picture" : "enhance the prompt"}: ${lastError?.message}`);
}

async function callOnce(user: CurrentUser, kind: TextKind, provider: ImageProvider, services: TextServices, call: (provider: ImageProvider, context: ProviderContext) => Promise<TextResult>) {
  const config = env();
  const limits = await limitsOf(user.id);
  if (!services.local) {
    const limit = await hitRateLimit({ key: `text:${user.id}:${provider.id}`, limit: limits.rateLimitPerMinute });
    if (!limit.allowed) throw new AppError("rate_limited", `Too many calls to ${provider.name}: at most ${limits.rateLimitPerMinute} a minute.`, { retryAfter: limit.retryAfter });
  }
  const estimate = toMicroUsd(services.estimateUsd);
  const reservation = await reserveBudget({ ownerId: user.id, microUsd: estimate, limitMicroUsd: toMicroUsd(limits.dailyBudgetUsd) });
  if (!reservation) throw new AppError("budget_exceeded", `This ${kind} call (about $${services.estimateUsd.toFixed(4)}) would exceed today's budget of $${limits.dailyBudgetUsd}.`, { details: { limit: "daily" satisfies BudgetLimit }, retryAfter: secondsUntilNextUtcDay() });
  const started = Date.now();
  const entryId = estimate > 0 ? await openCall({ ownerId: user.id, provider: provider.id, model: services.model, estimatedMicroUsd: estimate }) : undefined;
  const signal = new AbortController().signal;
  try {
    const result = await providerSemaphore(provider.id).run(
      () => withRetries(provider.id, (attempt) => call(provider, providerContext(provider.id, attempt)), { timeoutMs: config.PROVIDER_TIMEOUT_SECONDS * 1000, maxRetries: config.PROVIDER_MAX_RETRIES }, signal),
      signal,
    );
    const costMicroUsd = result.costUsd !== undefined ? toMicroUsd(result.costUsd) : estimate;
    const billed = { model: result.model || services.model, images: 0, costMicroUsd, durationMs: Date.now() - started };
    if (entryId) await closeCall(entryId, { billed });
    else if (!services.local) await recordUsage({ ownerId: user.id, provider: provider.id, ...billed });
    await settleBudget(reservation, costMicroUsd);
    return { ...result, costUsd: costMicroUsd / 1_000_000 };
  } catch (raw) {
    // A refusal (4xx) or an unreachable service did no billable work; anything else may have: its estimate stays spent.
    const error = raw instanceof ProviderError ? raw : new ProviderError(provider.id, "network", String(raw), { cause: raw });
    const unbilled = error.kind === "bad_request" || error.kind === "auth" || error.kind === "content_policy" || error.kind === "rate_limited" || error.kind === "model_not_found" || error.kind === "network";
    if (entryId) await closeCall(entryId, unbilled ? { unbilled: true } : { unknown: { durationMs: Date.now() - started } });
    await settleBudget(reservation, unbilled ? 0 : estimate);
    throw error;
  }
}
