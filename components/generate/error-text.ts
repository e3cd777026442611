/**
 * A failed (or half-done) generation in words a person understands: a heading, the API's own sentence (kept as
 * it is: it names the provider and the reason), and what to do about it. Shared by the job tiles and the
 * compare columns. It reads the error's code (lib/error-codes.ts) and, where one code covers several cases, its
 * `details` — never the sentence.
 */
import { formatWait } from "@/components/api/providers";
import { isErrorCode, type BudgetLimit, type JobErrorCode, type ProviderFailureReason } from "@/lib/error-codes";
import { validationText } from "./validation-text";

/** A job's or a request's error as the studio keeps it: the API's code and sentence, and its details if any. */
export interface JobError {
  /** A JobErrorCode from the API, or the studio's own: "network" (the studio could not be reached), or a job's status. */
  code: string;
  message: string;
  details?: unknown;
}

export interface JobErrorText {
  heading: string;
  /** What to do next, in a sentence; empty when the message says it already. */
  hint: string;
  /** "danger" for a failure, "warning" for something that half-worked (partial) or was stopped on purpose. */
  tone: "danger" | "warning";
  /** A retry cannot succeed until something changes (a setting, a key, the budget). */
  needsChange: boolean;
  /** Retry is offered: the same request can succeed later (a timeout, a provider's 5xx, a rate limit, the network). */
  retryable: boolean;
  /** The sentence to show: the API's own, except validation errors, which are put in words from their details. */
  message: string;
}

/** The codes the tiles tell apart: the API's, a cancel, the network, and anything else ("unknown"). */
type ShownCode = JobErrorCode | "canceled" | "network" | "unknown";

function shownCode(error: JobError | null, status?: string): ShownCode {
  if (status === "canceled" || error?.code === "canceled") return "canceled";
  const code = error?.code ?? status;
  return code === "partial" || code === "network" || isErrorCode(code) ? code : "unknown";
}

/** One field of an error's `details` object (undefined when details are absent or a list, as validation issues are). */
function detail(error: JobError | null, field: string): unknown {
  const details = error?.details;
  return details && typeof details === "object" && !Array.isArray(details) ? (details as Record<string, unknown>)[field] : undefined;
}

/** The error in words, and whether Retry is worth offering. */
export function describeJobError(error: JobError | null, status?: string, retryAfterSeconds?: number): JobErrorText {
  const text = describe(error, status, retryAfterSeconds);
  const message = error?.code === "invalid_request" ? validationText(error.message, error.details) : (error?.message ?? "");
  return { ...text, message, retryable: !text.needsChange };
}

function describe(error: JobError | null, status?: string, retryAfterSeconds?: number): Omit<JobErrorText, "retryable" | "message"> {
  const code = shownCode(error, status);
  switch (code) {
    case "canceled":
      return { heading: "Canceled", hint: "Nothing was charged. Retry to start it again.", tone: "warning", needsChange: false };
    case "budget_exceeded": {
      // Two cases: the day's budget is spent (a retry works tomorrow), or one image costs more than the limit per image.
      const perImage = detail(error, "limit") === ("per_image" satisfies BudgetLimit);
      return {
        heading: perImage ? "Too expensive per image" : "Over today's budget",
        hint: perImage
          ? "Pick a cheaper model, or the free local renderer."
          : `Today's budget resets ${retryAfterSeconds ? `in ${formatWait(retryAfterSeconds)} ` : ""}at midnight UTC. Fewer images, a cheaper model or the free local renderer work now.`,
        tone: "danger",
        // A spent day's budget comes back tomorrow at the earliest: no Retry now.
        needsChange: true,
      };
    }
    case "rate_limited":
      return { heading: "Too many requests", hint: "Wait a moment: the Retry button comes back when it can succeed.", tone: "danger", needsChange: false };
    case "timeout":
      return { heading: "It took too long", hint: "The provider did not answer in time. Retry, or ask for fewer or smaller images.", tone: "danger", needsChange: false };
    case "partial":
      return { heading: "Only some images were made", hint: "The ones that worked are in the gallery. Retry makes the missing ones.", tone: "warning", needsChange: false };
    case "provider_error": {
      const reason = detail(error, "reason") as ProviderFailureReason | undefined;
      if (reason === "content_policy")
        return { heading: "The prompt was refused", hint: "The provider's content policy blocked it. Rewrite the prompt and try again.", tone: "danger", needsChange: true };
      if (reason === "auth")
        return { heading: "The provider's key was rejected", hint: "Check the provider's API key in the server's configuration.", tone: "danger", needsChange: true };
      return { heading: "The provider failed", hint: "Retry, or choose another provider.", tone: "danger", needsChange: false };
    }
    case "model_retired":
      // MODEL_AUTO_UPGRADE=false: the server names the successor in its message instead of serving it.
      return { heading: "This model was retired", hint: "Choose the model that replaces it (or another one), then generate again.", tone: "danger", needsChange: true };
    case "invalid_request":
      return { heading: "These settings cannot be used", hint: "Change what is named above, then generate again.", tone: "danger", needsChange: true };
    case "payload_too_large":
      return { heading: "The request is too large", hint: "Shorten the prompt, then generate again.", tone: "danger", needsChange: true };
    case "forbidden":
      return { heading: "Not allowed", hint: "Your account or key may not generate images.", tone: "danger", needsChange: true };
    case "unauthorized":
      return { heading: "You are signed out", hint: "Sign in again, then generate again.", tone: "danger", needsChange: true };
    case "not_found":
      return { heading: "Something it needed is gone", hint: "The image or collection it used was deleted.", tone: "danger", needsChange: true };
    case "network":
      return { heading: "Could not reach the studio", hint: "Check your connection, then retry.", tone: "danger", needsChange: false };
    case "request_timeout":
    case "conflict":
    case "unsupported_media_type":
    case "invalid_image":
    case "internal":
    case "busy":
    case "unknown":
      return { heading: "Generation failed", hint: "", tone: "danger", needsChange: false };
    default: {
      // Every code is handled above: a new one in lib/error-codes.ts fails to compile here until it is.
      const unhandled: never = code;
      return unhandled;
    }
  }
}
