/** Reads a prompt into what the scene needs: subjects, time, weather, colours, moods, style and exclusions. */
import type { StylePreset } from "../types";
import { hex, type Rgb } from "./color";
import { colorWords, modifierWords, moodWords, neutralGrade, type Grade, type Modifier } from "./palette-words";
import {
  fillers, impliedTimeWords, negators, phrases, seasonWords, styleWords, subjectWords, timeWords, weatherWords,
  type Season, type Subject, type TimeOfDay, type Weather,
} from "./vocabulary";

/** What a colour word can be tied to when it stands right before a noun ("purple ocean", "red fox"). */
export type ColorTarget =
  | "sky" | "sun" | "moon" | "water" | "mountain" | "foliage" | "flower" | "building" | "sand" | "land"
  | "creature" | "cloud" | "object";

export interface Analysis {
  /** The normalised prompt the composition hash is taken from. */
  key: string;
  tokens: string[];
  /** Subjects named and not excluded. */
  subjects: Set<Subject>;
  /** Words the user wants left out (from the negative prompt and "no …"/"without …" in the prompt). */
  excluded: Set<string>;
  time?: TimeOfDay;
  weather: Set<Weather>;
  season?: Season;
  grade: Grade;
  modifiers: Set<Modifier>;
  /** Colour words not tied to a noun, in prompt order. */
  colors: Rgb[];
  bound: Map<ColorTarget, Rgb>;
  /** Colours named in the negative prompt. */
  avoid: Rgb[];
  /** A style named in the prompt ("…, illustration"). */
  style?: StylePreset;
  /** Words none of the tables know: they still steer the picture through the hash. */
  unknown: string[];
  gender?: "f" | "m";
  /** "still life", "hot air balloon" and the like. */
  words: Set<string>;
}

const targetOf: Partial<Record<Subject, ColorTarget>> = {
  sea: "water", lake: "water", waves: "water", mountain: "mountain", volcano: "mountain", forest: "foliage", tree: "foliage",
  palm: "foliage", flower: "flower", meadow: "land", hill: "land", city: "building", village: "building", cabin: "building",
  castle: "building", lighthouse: "building", desert: "sand", canyon: "sand", beach: "sand", cat: "creature", dog: "creature",
  fox: "creature", wolf: "creature", rabbit: "creature", deer: "creature", bird: "creature", whale: "creature", fish: "creature",
  butterfly: "creature", portrait: "creature", person: "creature", clouds: "cloud", sun: "sun", moon: "moon", planet: "object",
  spheres: "object", cubes: "object", balloon: "object", rocket: "object", boat: "object",
};
const extraTargets: Record<string, ColorTarget> = {
  sky: "sky", sunset: "sky", sunrise: "sky", dawn: "sky", dusk: "sky", leaf: "foliage", leaves: "foliage", hair: "creature",
  dress: "creature", grass: "land", light: "sky", lights: "building", sunlight: "sky", glow: "sky", window: "building",
};

const irregular: Record<string, string> = {
  leaves: "leaf", wolves: "wolf", skies: "sky", cities: "city", butterflies: "butterfly", bunnies: "bunny", puppies: "puppy",
  kitties: "kitty", beaches: "beach", foxes: "fox", people: "people", glasses: "glass", grass: "grass", cliffs: "cliff",
};
const known = (w: string) =>
  w in subjectWords || w in colorWords || w in timeWords || w in impliedTimeWords || w in weatherWords || w in moodWords || w in modifierWords ||
  w in styleWords || w in seasonWords || w in extraTargets;

function stem(word: string): string {
  if (irregular[word]) return irregular[word];
  if (known(word) || word.length < 4) return word;
  for (const [suffix, replacement] of [["ies", "y"], ["es", ""], ["s", ""]] as const) {
    if (word.endsWith(suffix)) {
      const candidate = word.slice(0, -suffix.length) + replacement;
      if (known(candidate)) return candidate;
    }
  }
  return word;
}

export function tokenize(text: string): string[] {
  const raw = text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").match(/[a-z0-9']+(?:-[a-z0-9]+)*/g) ?? [];
  const words = raw.flatMap((w) => (w in styleWords || w === "8-bit" || w === "16-bit" ? [w] : w.split("-"))).map((w) => w.replace(/'s$/, ""));
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const three = words.slice(i, i + 3).join(" ");
    const two = words.slice(i, i + 2).join(" ");
    if (phrases.includes(three)) {
      out.push(three);
      i += 2;
    } else if (phrases.includes(two)) {
      out.push(two);
      i += 1;
    } else out.push(stem(words[i]));
  }
  return out;
}

/** Nouns that mean the whole picture: a colour before them colours everything. */
const wholePicture = new Set(["landscape", "scene", "picture", "image", "poster", "world", "wallpaper", "background", "painting", "illustration", "view", "scenery"]);

function nounTarget(token: string | undefined): ColorTarget | undefined {
  if (!token || wholePicture.has(token)) return undefined;
  if (token in extraTargets) return extraTargets[token];
  const subject = subjectWords[token];
  return subject ? targetOf[subject] : undefined;
}

export function analyzePrompt(prompt: string, negativePrompt = ""): Analysis {
  const tokens = tokenize(prompt);
  const excluded = new Set<string>();
  const negative = tokenize(negativePrompt);
  for (const t of negative) excluded.add(t);

  const kept: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (negators.has(tokens[i])) {
      let j = i + 1;
      while (j < tokens.length && fillers.has(tokens[j])) j++;
      if (j < tokens.length) excluded.add(tokens[j]);
      i = j;
      continue;
    }
    kept.push(tokens[i]);
  }
  for (const t of excluded) if (subjectWords[t]) excluded.add(subjectWords[t]);
  if (excluded.has("people") || excluded.has("person") || excluded.has("human")) excluded.add("portrait");

  const a: Analysis = {
    key: kept.join(" "), tokens: kept, subjects: new Set(), excluded, weather: new Set(), grade: { ...neutralGrade },
    modifiers: new Set(), colors: [], bound: new Map(), avoid: [], unknown: [], words: new Set(kept),
  };
  for (const t of negative) if (colorWords[t]) a.avoid.push(hex(colorWords[t]));
  let implied: TimeOfDay | undefined;

  for (let i = 0; i < kept.length; i++) {
    const t = kept[i];
    if (excluded.has(t)) continue;
    let recognised = false;
    const subject = subjectWords[t];
    if (subject && !excluded.has(subject)) {
      a.subjects.add(subject);
      recognised = true;
    }
    if (timeWords[t] && !a.time) {
      a.time = timeWords[t];
      recognised = true;
    }
    if (impliedTimeWords[t]) {
      implied ??= impliedTimeWords[t];
      recognised = true;
    }
    if (weatherWords[t] && !excluded.has(weatherWords[t])) {
      a.weather.add(weatherWords[t]);
      recognised = true;
    }
    if (seasonWords[t]) {
      a.season ??= seasonWords[t];
      recognised = true;
    }
    if (styleWords[t]) {
      a.style ??= styleWords[t];
      recognised = true;
    }
    if (modifierWords[t]) {
      a.modifiers.add(modifierWords[t]);
      recognised = true;
    }
    const mood = moodWords[t];
    if (mood) {
      for (const k of Object.keys(mood) as (keyof Grade)[]) a.grade[k] += mood[k] ?? 0;
      recognised = true;
    }
    if (colorWords[t]) {
      recognised = true;
      let target: ColorTarget | undefined;
      for (let j = i + 1; j <= i + 2 && j < kept.length && !target; j++) {
        if (colorWords[kept[j]] || fillers.has(kept[j])) break;
        target = nounTarget(kept[j]);
      }
      if (target && !a.bound.has(target)) a.bound.set(target, hex(colorWords[t]));
      else a.colors.push(hex(colorWords[t]));
    }
    if (["woman", "girl", "lady", "she", "her", "queen", "princess"].includes(t)) a.gender ??= "f";
    if (["man", "boy", "he", "his", "king", "prince", "gentleman"].includes(t)) a.gender ??= "m";
    if (!recognised && !fillers.has(t) && !extraTargets[t]) a.unknown.push(t);
  }
  a.time ??= implied;
  if (a.subjects.has("snowfield") && !excluded.has("snow")) a.weather.add("snow");
  if (a.subjects.has("stars") && !a.time) a.time = "night";
  if (a.subjects.has("moon") && !a.time) a.time = "night";
  for (const k of Object.keys(a.grade) as (keyof Grade)[]) a.grade[k] = Math.max(-1.5, Math.min(1.5, a.grade[k]));
  return a;
}

/** True when the prompt asks for something and did not also exclude it. */
export const wants = (a: Analysis, s: Subject) => a.subjects.has(s);
/** True when `word` (a subject, weather or element name) was excluded. */
export const excludes = (a: Analysis, ...words: string[]) => words.some((w) => a.excluded.has(w));
