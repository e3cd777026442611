/**
 * How long a prompt may be, shown as one approaches it: a counter from 80 % of the limit ("3,870 / 4,000"),
 * a warning tone past 95 %, and a sentence once over (the server would refuse it with 400).
 */

/** The server's default MAX_PROMPT_LENGTH, until GET /api/v1/usage says what this instance takes. */
export const defaultPromptLimit = 4000;
/** The share of the limit from which the counter shows. */
export const promptCounterFrom = 0.8;

export interface PromptLength {
  /** "3,870 / 4,000" */
  text: string;
  /** Characters over the limit (0 when within it). */
  over: number;
  tone: "muted" | "warning" | "danger";
  /** For screen readers: "3,870 of 4,000 characters" / "12 characters over the 4,000 limit". */
  description: string;
}

const grouped = (n: number) => n.toLocaleString("en-US");

/** The counter for a prompt of this text, or null while it is well within the limit. The server counts trimmed text. */
export function promptLength(prompt: string, limit: number): PromptLength | null {
  const length = prompt.trim().length;
  if (!(limit > 0) || length < limit * promptCounterFrom) return null;
  const over = Math.max(0, length - limit);
  return {
    text: `${grouped(length)} / ${grouped(limit)}`,
    over,
    tone: over ? "danger" : length >= limit * 0.95 ? "warning" : "muted",
    description: over ? `${grouped(over)} character${over === 1 ? "" : "s"} over the ${grouped(limit)} limit` : `${grouped(length)} of ${grouped(limit)} characters`,
  };
}

/** The sentence that stops a prompt over the limit from being sent. */
export const tooLongText = (what: "prompt" | "negative prompt", state: PromptLength, limit: number) =>
  `The ${what} is too long: at most ${grouped(limit)} characters (${grouped(state.over)} over). Shorten it to generate.`;

const toneClass = { muted: "text-muted", warning: "text-warning", danger: "text-danger font-semibold" } as const;

/** The counter itself; polite live region, so a screen reader hears it when it appears and when it goes over. */
export function PromptCounter({ state, id, testId, className = "" }: { state: PromptLength | null; id?: string; testId: string; className?: string }) {
  return (
    <span id={id} aria-live="polite" className={`text-xs tabular-nums ${className}`}>
      {state && (
        <>
          <span aria-hidden="true" data-testid={testId} data-over={state.over > 0 || undefined} className={toneClass[state.tone]} title={state.description}>
            {state.text}
          </span>
          <span className="sr-only">{state.description}</span>
        </>
      )}
    </span>
  );
}
