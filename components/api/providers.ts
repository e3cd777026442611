/** Provider names and prices in words, for server and client components alike. */
const providerNames: Record<string, string> = {
  local: "Local renderer",
  openai: "OpenAI",
  replicate: "Replicate",
  google: "Google",
  ideogram: "Ideogram",
  "openai-compatible": "OpenAI-compatible server",
};

/** The name a provider id goes by; the offline `local` provider is always "Local renderer". */
export const providerLabel = (id: string | null | undefined): string => (id ? (providerNames[id] ?? id) : "");

export const isLocalProvider = (id: string | null | undefined) => id === "local";

/** "$0.042", "$0.08", "<$0.001"; "Free" for nothing. */
export function formatUsd(amount: number): string {
  if (amount <= 0) return "Free";
  if (amount < 0.001) return "<$0.001";
  const digits = amount < 0.1 ? 3 : 2;
  return `$${amount.toFixed(digits).replace(/(\.\d\d)0$/, "$1")}`;
}

/** What one image costs, for a picker: "free" or "$0.04 / image". */
export const pricePerImage = (usd: number) => (usd <= 0 ? "free" : `${formatUsd(usd)} / image`);

/** "12 s", "4 min", "3 h 5 min" — how long until something may be tried again. */
export function formatWait(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.ceil(s / 60)} min`;
  const h = Math.floor(s / 3600);
  const m = Math.round((s % 3600) / 60);
  return m ? `${h} h ${m} min` : `${h} h`;
}
