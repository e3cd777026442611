/**
 * Who can run a finishing tool, from GET /api/v1/providers: the models whose capabilities say so (upscale,
 * removeBackground, expand) of connected providers, the local renderer's own way first; and which providers can
 * describe an image (their text services). Pure, so the choices are tested without a page.
 */
import type { Provider } from "@/components/api/generation";
import { isRetired } from "@/components/generate/model-lifecycle";

export type ToolKind = "upscale" | "remove-background" | "expand";

export interface ToolChoice {
  /** "basic" (the local resample), or "provider/model". */
  id: string;
  provider: string | null;
  model: string | null;
  /** "Basic upscale", "Ideogram · Upscale". */
  title: string;
  /** What it does and cannot do, in a few words. */
  note: string;
  local: boolean;
}

export const basicUpscale: ToolChoice = {
  id: "basic",
  provider: null,
  model: null,
  title: "Basic upscale",
  note: "local, free, no new detail: a sharp Lanczos resample",
  local: true,
};

const upscaleNotes = { ai: "adds detail (an upscaler model)", creative: "re-draws finer detail; small things may change" } as const;

/** A tool's local note: what the local renderer's version handles. */
const localNotes: Record<Exclude<ToolKind, "upscale">, string> = {
  "remove-background": "local, free — plain backgrounds only (icons, product shots, scans)",
  expand: "local, free — continues the edges and colours (mirrored, blurred); no new objects",
};

const serves = (kind: ToolKind, caps: Provider["models"][number]["capabilities"], factor: number) =>
  kind === "upscale" ? Boolean(caps.upscale && caps.upscale.kind !== "basic" && caps.upscale.factors.includes(factor)) : kind === "remove-background" ? Boolean(caps.removeBackground) : Boolean(caps.expand);

/**
 * The ways to run a tool, best known first: for upscale the basic resample, then each provider upscaler serving
 * `factor`; for the others the local renderer's (when it declares the tool), then each provider model that can.
 */
export function toolChoices(providers: Provider[] | null, kind: ToolKind, factor = 2): ToolChoice[] {
  const choices: ToolChoice[] = kind === "upscale" ? [basicUpscale] : [];
  const usable = (providers ?? []).filter((p) => p.configured && !p.disabled);
  for (const p of [...usable.filter((p) => p.local), ...usable.filter((p) => !p.local)]) {
    for (const m of p.models) {
      if (isRetired(m) || !serves(kind, m.capabilities, factor)) continue;
      if (p.local && kind === "upscale") continue; // the local upscaler is the basic resample above
      const note = kind === "upscale" ? upscaleNotes[m.capabilities.upscale!.kind as keyof typeof upscaleNotes] : p.local ? localNotes[kind] : kind === "expand" ? "draws the new area to match" : "any background, fine edges";
      const several = p.models.filter((x) => serves(kind, x.capabilities, factor)).length > 1;
      choices.push({ id: `${p.id}/${m.id}`, provider: p.id, model: m.id, title: p.local ? "Local renderer" : several ? `${p.name} · ${m.label}` : p.name, note, local: p.local });
    }
  }
  return choices;
}

/** The default: a connected service's way when there is one (it does more), else the local one. */
export const defaultChoice = (choices: ToolChoice[], kind: ToolKind) => (kind === "upscale" ? choices[0] : (choices.find((c) => !c.local) ?? choices[0]));

/**
 * Why the expand's prompt would be ignored by this choice, or null when it is followed: the local renderer
 * continues the edges, and Ideogram's reframe extends the picture from itself — neither takes a prompt.
 */
export function expandPromptIgnored(choice: ToolChoice | undefined): string | null {
  if (!choice) return null;
  if (choice.local) return "The local renderer continues the edges; it does not follow a prompt.";
  if (choice.provider === "ideogram") return "Ideogram's reframe continues the picture by itself; it does not follow a prompt.";
  return null;
}

export interface Describer {
  provider: string;
  name: string;
  model: string;
}

/** The connected providers whose text services can describe a picture. */
export const describers = (providers: Provider[] | null): Describer[] =>
  (providers ?? []).filter((p) => p.configured && !p.disabled && p.text?.describe).map((p) => ({ provider: p.id, name: p.name, model: p.text!.model }));

/** Who could describe, in words, for the disabled control. */
export const describeNeeds = "Describing a picture needs a vision-capable service: connect Google (Gemini), OpenAI or Ideogram in Settings → Providers.";
