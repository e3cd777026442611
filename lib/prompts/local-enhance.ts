// The offline prompt enrichment: a short prompt made detailed without any model, from the style preset's vocabulary
// and the words the local renderer already understands (lib/providers/local/vocabulary.ts via prompt-analysis.ts).
// It appends composition, lighting, medium and detail phrases that fit the style and the subject words; the user's
// words come first, exactly as written (never dropped, never reordered); the same prompt and style always give the
// same result; nothing is added that the prompt excluded ("no people") or already says (a named light, a medium).
import { analyzePrompt, type Analysis } from "@/lib/providers/local/prompt-analysis";
import type { Subject, TimeOfDay, Weather } from "@/lib/providers/local/vocabulary";
import type { StylePreset } from "@/lib/providers/types";

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

type Kind = "landscape" | "portrait" | "animal" | "object" | "space" | "abstract" | "scene";

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

/** Composition per kind of subject; the icon and pixel-art styles frame everything their own way. */
const COMPOSITION: Record<Kind, string[]> = {
  landscape: ["wide establishing shot with a clear foreground, midground and background", "sweeping panoramic composition with leading lines toward the horizon"],
  portrait: ["head-and-shoulders framing at eye level", "three-quarter view with the face as the focal point"],
  animal: ["the animal in sharp focus at its eye level", "close, intimate framing with the animal filling the frame"],
  object: ["centred subject with generous negative space", "clean three-quarter view of the subject"],
  space: ["vast sense of scale with a small focal point against the void", "deep layered composition receding into space"],
  abstract: ["balanced asymmetric composition of shapes", "rhythmic arrangement with a clear focal point"],
  scene: ["clear focal point following the rule of thirds", "balanced composition with depth and a clear subject"],
};
const STYLE_COMPOSITION: Partial<Record<StylePreset, string>> = {
  icon: "single centred symbol on a plain background with even padding",
  "pixel-art": "readable silhouette on a tidy pixel grid",
};

/** Light for a named time of day or weather, else the style's usual light. */
const TIME_LIGHT: Record<TimeOfDay, string> = {
  sunrise: "soft pink and gold sunrise light", morning: "fresh, clear morning light", noon: "bright high sun with crisp shadows",
  afternoon: "warm afternoon light", golden: "warm golden-hour light with long shadows", sunset: "warm low sunset light with long shadows",
  dusk: "cool blue-hour twilight with a glowing horizon", night: "moody night lighting with soft glowing highlights",
};
const WEATHER_LIGHT: Partial<Record<Weather, string>> = {
  fog: "soft diffused light through the fog", rain: "glistening reflections under overcast light", snow: "bright, cool light bouncing off the snow",
  storm: "dramatic storm light breaking through dark clouds", overcast: "soft, even overcast light", rainbow: "fresh light after rain",
};
const STYLE_LIGHT: Record<StylePreset, string[]> = {
  none: ["soft natural light", "gentle directional light"],
  photorealistic: ["natural light with soft shadows", "soft window light with gentle falloff"],
  illustration: ["flat, even lighting with simple cast shadows", "bright, cheerful lighting"],
  "3d": ["soft studio lighting with gentle global illumination", "three-point lighting with soft ambient occlusion"],
  anime: ["bright cel-shaded lighting with crisp highlights", "luminous backlight with a soft glow"],
  painting: ["painterly light with warm highlights and cool shadows", "soft chiaroscuro lighting"],
  "pixel-art": ["simple two-tone shading", "flat lighting with one highlight colour"],
  "line-art": ["light suggested by hatching", "minimal shading with clean contrast"],
  icon: ["flat lighting with a subtle soft shadow", "even lighting with a gentle highlight"],
};

/** The medium each style means (none: left to the service). */
const MEDIUM: Record<StylePreset, string[]> = {
  none: [],
  photorealistic: ["photorealistic photograph, 35mm lens, shallow depth of field", "photorealistic photograph, full-frame camera, 50mm lens"],
  illustration: ["digital illustration with clean shapes and flat colours", "editorial vector illustration"],
  "3d": ["3D render with smooth physically based materials", "stylised 3D render, soft clay-like materials"],
  anime: ["anime key visual, cel shading", "anime illustration with clean line work"],
  painting: ["oil painting with visible brush strokes on canvas", "traditional painting with rich impasto texture"],
  "pixel-art": ["pixel art with a limited palette and crisp pixels", "16-bit pixel art"],
  "line-art": ["black ink line art on white paper", "clean pen-and-ink drawing"],
  icon: ["flat vector app icon, no text", "simple glyph-style icon, no text"],
};

/** Detail per style, and per kind where the style does not say. */
const STYLE_DETAIL: Partial<Record<StylePreset, string[]>> = {
  photorealistic: ["fine natural textures, high detail", "true-to-life colours, sharp detail"],
  illustration: ["crisp edges, harmonious colour palette"],
  "3d": ["subtle surface detail, clean edges"],
  anime: ["expressive details, vivid colours"],
  painting: ["rich colour harmony, textured surface"],
  "pixel-art": ["consistent pixel size, no anti-aliasing"],
  "line-art": ["confident, even line weight"],
  icon: ["bold readable shape, consistent stroke weight"],
};
const KIND_DETAIL: Record<Kind, string> = {
  landscape: "atmospheric depth and rich environmental detail",
  portrait: "natural skin texture and expressive eyes",
  animal: "detailed fur or feathers and a lively expression",
  object: "precise materials and clean edges",
  space: "subtle nebula colours and pin-sharp stars",
  abstract: "carefully balanced colours and textures",
  scene: "rich, coherent detail throughout",
};

/** Words that show the prompt already speaks of light, framing or medium (then that part is left to it). */
const SAYS_LIGHT = /\b(light|lights|lighting|lit|glow|glowing|shadows?|backlit|sunlit|illuminat\w*)\b/i;
const SAYS_COMPOSITION = /\b(close-?up|wide(-angle)?|framing|framed|composition|shot|view|angle|panorama|panoramic|portrait of|centred|centered|macro)\b/i;
const SAYS_MEDIUM = /\b(photo\w*|render\w*|painting|painted|illustration|drawing|sketch|watercolou?r|oil|vector|pixel|anime|manga|3d|ink|pencil|icon|logo)\b/i;

/** FNV-1a of the prompt and style: picks among alternatives, the same way every time. */
function pick<T>(options: T[], key: string, salt: string): T | undefined {
  if (!options.length) return undefined;
  let h = 0x811c9dc5;
  for (const c of `${salt}|${key}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return options[h % options.length];
}

/** True when a phrase names something the prompt asked to leave out. */
function clashes(phrase: string, a: Analysis): boolean {
  return phrase.toLowerCase().split(/[^a-z-]+/).some((w) => w && a.excluded.has(w));
}

/**
 * The enrichment of `prompt` for `style`. The result starts with the prompt as written (surrounding whitespace
 * trimmed), then ", " and the added phrases; a prompt that already fills the length budget is returned as it is.
 */
export function enhanceLocally(prompt: string, style?: StylePreset): LocalEnhancement {
  const original = prompt.trim();
  const a = analyzePrompt(original);
  const chosen: StylePreset = style && style !== "none" ? style : (a.style ?? "none");
  const key = `${original.toLowerCase()}|${chosen}`;
  const kind = kindOf(a);

  const candidates: string[] = [];
  if (!SAYS_COMPOSITION.test(original)) candidates.push(STYLE_COMPOSITION[chosen] ?? pick(COMPOSITION[kind], key, "composition")!);
  if (!SAYS_LIGHT.test(original)) {
    const weather = [...a.weather].map((w) => WEATHER_LIGHT[w]).find(Boolean);
    const timed = a.time ? TIME_LIGHT[a.time] : undefined;
    const flat = chosen === "icon" || chosen === "pixel-art" || chosen === "line-art";
    candidates.push((!flat && (weather ?? timed)) || pick(STYLE_LIGHT[chosen], key, "light")!);
  }
  const medium = pick(MEDIUM[chosen], key, "medium");
  // A prompt that names its own medium keeps it; a preset chosen apart from the words still gets its medium.
  if (medium && !(SAYS_MEDIUM.test(original) && !style)) candidates.push(medium);
  candidates.push(pick(STYLE_DETAIL[chosen] ?? [], key, "detail") ?? KIND_DETAIL[kind]);
  if (a.season && !/\b(spring|summer|autumn|fall|winter)\b/i.test(original)) candidates.push(`${a.season} colours`);

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
