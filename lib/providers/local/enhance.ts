// The offline prompt enrichment: a short prompt made detailed without any model, from the style preset's vocabulary
// and the words the local renderer already understands (vocabulary.ts via prompt-analysis.ts).
// It appends composition, lighting, medium and detail phrases that fit the style and the subject words; the user's
// words come first, exactly as written (never dropped, never reordered); the same prompt and style always give the
// same result; nothing is added that the prompt excluded ("no people") or already says (a named light, a medium);
// enhancing an enhanced prompt adds nothing more. The phrases (enhance-phrases.ts) use only words the local renderer
// reads as style, light and finish, so it neither draws something else nor reports them as things it cannot draw.
import type { StylePreset } from "../types";
import { analyzePrompt, tokenize, type Analysis } from "./prompt-analysis";
import type { Subject } from "./vocabulary";
import {
  ALL_PHRASES, COMPOSITION, CREATURE_DETAIL, KIND_DETAIL, MEDIUM, PHRASES, SEASON_COLOURS, STYLE_COMPOSITION, STYLE_DETAIL, STYLE_LIGHT,
  TIME_LIGHT, WEATHER_LIGHT, type Kind, type Part,
} from "./enhance-phrases";

/** The model name recorded with an enrichment (it is not a model: see `local`). */
export const LOCAL_ENRICHMENT_MODEL = "local-enrichment";
/** Longest enriched prompt (the enhance contract: plain prompt text, at most ~1000 characters). */
export const MAX_ENRICHED_LENGTH = 1000;

export interface LocalEnhancement {
  /** The user's prompt, unchanged, followed by the added phrases. */
  prompt: string;
  /** The phrases added, in order. */
  added: string[];
  /** The style whose vocabulary was used (the request's, else one the prompt names, else "none"). */
  style: StylePreset;
  /** What this is, for the person reading the suggestion. */
  notice: string;
}

const LANDSCAPE: Subject[] = ["mountain", "hill", "sea", "lake", "beach", "island", "cliff", "forest", "tree", "palm", "city", "village", "desert", "canyon", "snowfield", "volcano", "meadow", "waves", "aurora", "flower", "lighthouse", "cabin", "castle"];
const ANIMALS: Subject[] = ["cat", "dog", "fox", "wolf", "rabbit", "deer", "bird", "whale", "fish", "butterfly"];
const OBJECTS: Subject[] = ["boat", "balloon", "rocket", "spheres", "cubes"];
const SPACE: Subject[] = ["space", "planet", "galaxy", "stars", "moon"];

/** What the picture is mostly of, from its subject words (people first, then animals, objects, places). */
function kindOf(a: Analysis): Kind {
  const has = (list: Subject[]) => list.some((s) => a.subjects.has(s));
  if (a.subjects.has("portrait") || a.subjects.has("person")) return "portrait";
  if (has(ANIMALS)) return "animal";
  if (a.subjects.has("abstract")) return "abstract";
  if (has(OBJECTS) && !has(LANDSCAPE)) return "object";
  if (has(SPACE) && !has(LANDSCAPE)) return "space";
  if (has(LANDSCAPE)) return "landscape";
  return "scene";
}

/** Words that show the prompt already speaks of light, framing or medium (then that part is left to it). */
const SAYS_LIGHT = /\b(light|lights|lighting|lit|glow|glowing|shadows?|backlit|sunlit|illuminat\w*)\b/i;
const SAYS_COMPOSITION = /\b(close-?up|wide(-angle)?|framing|framed|composition|shot|view|angle|panorama|panoramic|portrait of|centred|centered|macro)\b/i;
const SAYS_MEDIUM = /\b(photo\w*|render\w*|painting|painted|illustration|drawing|sketch|watercolou?r|oil|vector|pixel|anime|manga|3d|ink|pencil|icon|logo)\b/i;
const SAYS_SEASON = /\b(spring|summer|autumn|fall|winter|wintry)\b/i;

/** FNV-1a of the prompt and style: picks among alternatives, the same way every time. */
function pick<T>(options: T[], key: string, salt: string): T | undefined {
  if (!options.length) return undefined;
  let h = 0x811c9dc5;
  for (const c of `${salt}|${key}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return options[h % options.length];
}

/** True when a phrase names something the prompt asked to leave out ("no shadow" rules out "subtle shadows"). */
function clashes(phrase: string, a: Analysis): boolean {
  return tokenize(phrase).some((w) => a.excluded.has(w) || a.excluded.has(w.replace(/s$/, "")) || a.excluded.has(`${w}s`));
}

/** Lower-cased phrases, longest first, for taking the enrichment's own phrases off a prompt's end. */
const OWN = [...ALL_PHRASES].map((p) => p.toLowerCase()).sort((x, y) => y.length - x.length);

/**
 * The prompt without the enrichment's phrases at its end: what the person wrote. Enhancing an enhanced prompt reads
 * this (for the subject, the choice among alternatives and what the words already say), so it decides as the first
 * time did and adds only what is not there yet: enhancing twice is enhancing once.
 */
export function ownWords(prompt: string): string {
  let text = prompt.trim();
  for (let found = true; found; ) {
    found = false;
    const lower = text.toLowerCase();
    for (const phrase of OWN) {
      if (lower.length > phrase.length && lower.endsWith(phrase) && /[,.;:!?]\s*$/.test(lower.slice(0, -phrase.length))) {
        text = text.slice(0, -phrase.length).replace(/,?\s*$/, "");
        found = true;
        break;
      }
    }
  }
  return text;
}

/** The detail phrase: the style's, else the creature's (a fox has fur, a bird plumage), else the kind's. */
function detailFor(chosen: StylePreset, kind: Kind, a: Analysis, key: string): string {
  const styled = pick(STYLE_DETAIL[chosen] ?? [], key, "detail");
  if (styled) return styled;
  const creature = kind === "animal" ? [...a.subjects].map((s: Subject) => CREATURE_DETAIL[s]).find(Boolean) : undefined;
  return creature ?? KIND_DETAIL[kind];
}

/**
 * The enrichment of `prompt` for `style`. The result starts with the prompt as written (surrounding whitespace
 * trimmed), then ", " and the added phrases; a prompt that already fills the length budget is returned as it is, and
 * a part (composition, light, medium, detail, season) the prompt already has, in its words or ours, is not added.
 */
export function enhanceLocally(prompt: string, style?: StylePreset): LocalEnhancement {
  const original = prompt.trim();
  const own = ownWords(original);
  const a = analyzePrompt(own);
  const chosen: StylePreset = style && style !== "none" ? style : (a.style ?? "none");
  const key = `${own.toLowerCase()}|${chosen}`;
  const kind = kindOf(a);
  const lower = original.toLowerCase();
  const has = (part: Part, among: readonly string[] = PHRASES[part]) => among.some((p) => lower.includes(p.toLowerCase()));

  const candidates: string[] = [];
  if (!SAYS_COMPOSITION.test(own) && !has("composition")) candidates.push(STYLE_COMPOSITION[chosen] ?? pick(COMPOSITION[kind], key, "composition")!);
  if (!SAYS_LIGHT.test(own) && !has("light")) {
    const weather = [...a.weather].map((w) => WEATHER_LIGHT[w]).find(Boolean);
    const timed = a.time ? TIME_LIGHT[a.time] : undefined;
    const flat = chosen === "icon" || chosen === "pixel-art" || chosen === "line-art";
    candidates.push((!flat && (weather ?? timed)) || pick(STYLE_LIGHT[chosen], key, "light")!);
  }
  const medium = pick(MEDIUM[chosen], key, "medium");
  // A prompt that names its own medium keeps it; a preset chosen apart from the words still gets its medium (once).
  if (medium && !(SAYS_MEDIUM.test(own) && !style) && !has("medium", MEDIUM[chosen])) candidates.push(medium);
  if (!has("detail")) candidates.push(detailFor(chosen, kind, a, key));
  if (a.season && !SAYS_SEASON.test(own) && !has("season")) candidates.push(SEASON_COLOURS[a.season]);

  const added: string[] = [];
  let text = original;
  for (const phrase of candidates) {
    if (!phrase || clashes(phrase, a) || added.includes(phrase)) continue;
    const next = `${text}${text && !/[,.;:!?]$/.test(text) ? "," : ""} ${phrase}`.trimStart();
    if (next.length > MAX_ENRICHED_LENGTH) break;
    added.push(phrase);
    text = next;
  }
  const styleName = chosen === "none" ? "no particular style" : `the ${chosen} style`;
  return {
    prompt: text,
    added,
    style: chosen,
    notice: added.length
      ? `Enriched offline from ${styleName}'s vocabulary, without an AI model: ${added.length} phrase${added.length === 1 ? "" : "s"} (composition, light, medium, detail) added after your words, which are unchanged.`
      : "Your prompt already covers composition, light, medium and detail (or fills the length limit); the offline enrichment added nothing.",
  };
}
