import "server-only";
import { transportError } from "@/lib/providers/http-errors";
import type { GenerateRequest, GenerateResult, ProviderContext, ProviderError, ProviderId } from "@/lib/providers/types";
import { closeCall, openCall } from "@/lib/usage/ledger";

/**
 * One attempt at a billable provider call, written to the ledger before it leaves (lib/usage/ledger.ts
 * `openCall`: its estimated cost, outcome "unknown"), so that a process killed while it is in flight leaves it
 * counted as spend. When it fails, the row goes only if the provider provably did no billable work
 * (`provablyUnbilled`); otherwise — a timeout, a broken connection, a result the studio refused to download
 * after the provider made it — it stays as spend of unknown outcome. When it returns, the caller confirms the
 * real cost with `settle`. A free call (estimate 0) writes nothing beforehand: there is no spend to lose.
 */
export async function billedAttempt(options: {
  ownerId: string;
  jobId: string;
  provider: ProviderId;
  request: GenerateRequest;
  estimatedMicroUsd: number;
  context: ProviderContext;
  /** The job's own signal: aborted only by a cancel, whose calls are not charged (docs/api.md). */
  jobSignal: AbortSignal;
  run: (request: GenerateRequest, context: ProviderContext) => Promise<GenerateResult>;
  /** Called when a failed paid call stays in the ledger as spend of unknown outcome. */
  onUnknown?: () => void;
}): Promise<{ result: GenerateResult; entryId?: string }> {
  const { context } = options;
  const started = Date.now();
  const entryId =
    options.estimatedMicroUsd > 0
      ? await openCall({ ownerId: options.ownerId, jobId: options.jobId, provider: options.provider, model: options.request.model ?? "", estimatedMicroUsd: options.estimatedMicroUsd })
      : undefined;
  // A download of a result URL means the provider has done the work: whatever happens next is billed.
  let produced = false;
  const watched: ProviderContext = {
    ...context,
    fetchResult: (url) => {
      produced = true;
      return context.fetchResult(url);
    },
  };
  try {
    return { result: await options.run(options.request, watched), entryId };
  } catch (raw) {
    if (entryId) {
      const error = transportError(options.provider, raw, context.signal);
      const unbilled = !produced && (options.jobSignal.aborted || provablyUnbilled(error));
      await closeCall(entryId, unbilled ? { unbilled: true } : { unknown: { durationMs: Date.now() - started } });
      if (!unbilled) options.onUnknown?.();
    }
    throw raw;
  }
}

// Errors of a connection that never reached the service (nothing was sent).
const unreachable = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * The provider did no billable work: it refused the request (a 4xx: bad request, credentials, rate limit,
 * content policy, unknown model — or the adapter refused it unsent), answered with an HTTP 5xx, or could not be
 * reached at all. A timeout, a connection broken mid-call or a failure without an answer is not proof.
 */
export function provablyUnbilled(error: ProviderError): boolean {
  switch (error.kind) {
    case "bad_request":
    case "auth":
    case "content_policy":
    case "model_not_found":
    case "rate_limited":
      return true;
    case "server":
      return error.status !== undefined && error.status >= 500;
    case "network":
      return unreachable.has(causeCode(error) ?? "");
    default:
      return false;
  }
}

/** The system error code somewhere in an error's cause chain (fetch wraps it: TypeError → cause). */
function causeCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string" && /^E[A-Z]+$/.test(e.code)) return e.code;
  }
  return undefined;
}
