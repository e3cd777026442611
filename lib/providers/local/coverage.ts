/**
 * What of the prompt a scene did not draw, in the prompt's own words, and the notice that says so: the local
 * renderer must not silently draw a landscape for "headphones".
 */
import { glyphWords } from "./icon-glyphs";
import { objectGlyphOf, objectTokens, standingThings, surfaceWords } from "./object";
import type { Analysis } from "./prompt-analysis";
import type { Archetype } from "./scene";
import { subjectWords, type Subject } from "./vocabulary";

/** The subjects each kind of picture draws when named (see the builders: landscape.ts, portrait.ts, …). */
const drawnBy: Record<Archetype, readonly Subject[]> = {
  landscape: [
    "mountain", "hill", "sea", "lake", "beach", "island", "cliff", "forest", "tree", "palm", "city", "village", "desert", "canyon",
    "snowfield", "volcano", "galaxy", "aurora", "flower", "meadow", "waves", "person", "cat", "dog", "fox", "wolf", "rabbit", "deer",
    "bird", "whale", "lighthouse", "cabin", "castle", "boat", "balloon", "rocket", "sun", "moon", "stars", "clouds",
  ],
  space: ["space", "planet", "galaxy", "stars", "rocket", "cat", "dog", "fox", "moon", "sun"],
  abstract: ["abstract", "waves"],
  "still-life": ["spheres", "cubes"],
  portrait: ["portrait", "person", "sun", "moon", "stars", "clouds", "mountain", "hill"],
  botanical: ["flower", "butterfly", "meadow"],
  icon: [],
  object: ["spheres"],
};

/**
 * Words that are not things: prompt jargon, verbs and adjectives the tables do not know. An unknown word that is
 * none of these (nor looks like one: -ly, -ing, -ed…) is taken for a noun the renderer cannot draw.
 */
const notThings = new Set(
  (
    "for from to into onto near behind beside next above below through around inside outside while very it its this that these those my your " +
    "their our his her as like style styled art artwork artistic design scene view image picture poster background shot closeup close up " +
    "detailed detail details highly ultra hd 4k 8k hdr uhd quality best masterpiece trending artstation octane unreal engine sharp focus " +
    "lighting light lights lit soft hard dramatic epic cute little small big large huge tiny giant old new young modern ancient futuristic " +
    "beautiful pretty gorgeous stunning amazing awesome nice simple clean elegant fancy cool hot cold warm wide angle lens macro bokeh " +
    "depth field composition centered symmetrical make add remove change turn put place show give keep let more less much many few " +
    "one two three four five several lot lots full half top bottom left right middle center side front back single double " +
    "made filled covered surrounded standing sitting lying flying walking running floating looking holding wearing eating drinking " +
    "playing reading sleeping glowing shining burning falling rising high low tall short long deep far distant close huge " +
    "realistic hyper ultra-detailed intricate cinematic volumetric rim studio concept official digital traditional " +
    "version type kind sort bit lot way day time tone tones color colors colour colours shade hue wooden golden silver " +
    "medieval sports food photography photograph birthday party vibe vibes aesthetic " +
    // What a logo is for, not what it shows.
    "shop store company brand business startup app website agency team club service product " +
    // How a picture is framed, lit and finished (the offline prompt enrichment, enhance-phrases.ts, uses
    // them): craft words and adjectives, never a thing in the picture.
    "subject foreground midground horizon distance margins arrangement focal point resolution shadow shadows highlight " +
    "highlights contrast falloff illumination occlusion chiaroscuro impasto brushwork linework strokes palette harmony " +
    "surface edges materials fur plumage sheen expression toward against throughout panoramic intimate empty vast " +
    "asymmetric rhythmic strong plain even tidy fresh crisp subtle natural directional gradual global ambient sparse " +
    "shallow editorial smooth visible rich precise fine lifelike consistent confident bold silky thick keen dense fluffy " +
    "sleek iridescent immense delicate translucent atmospheric environmental coherent wintry"
  ).split(/\s+/),
);
/** -ing and -ed words that are things all the same. */
const thingsAnyway = new Set(["building", "wedding", "ceiling", "pudding", "dumpling", "earring", "ring", "king", "wing", "string", "swing", "viking", "bed", "shed", "sled"]);

const looksLikeThing = (t: string) =>
  t.length >= 3 && !/\d/.test(t) && !notThings.has(t) && (thingsAnyway.has(t) || !/(ly|ing|ed|ful|ous|ive|less|able|istic|ish)$/.test(t));

/** Words of the prompt naming something the scene did not draw, each once, in prompt order. */
export interface Undrawn {
  /** Words the renderer has no drawing for at all ("headphones" in a landscape, "ramen"…). */
  unknown: string[];
  /** Words it draws in other kinds of picture, but not in this one ("cat" in a portrait). */
  leftOut: string[];
}

export function undrawnWords(a: Analysis, archetype: Archetype, glyph?: string): Undrawn {
  const drawn = new Set<string>(drawnBy[archetype]);
  // An object picture draws one thing: the first the prompt names.
  const thing = archetype === "object" ? objectGlyphOf(objectTokens(a)[0] ?? "") : undefined;
  const out: Undrawn = { unknown: [], leftOut: [] };
  const unknown = new Set(a.unknown);
  for (const t of a.tokens) {
    if (a.excluded.has(t) || out.unknown.includes(t) || out.leftOut.includes(t)) continue;
    if (archetype === "icon" && glyph && glyphWords[t] === glyph) continue;
    if (archetype === "object" && surfaceWords.has(t)) continue;
    const glyphOfThing = objectGlyphOf(t);
    if (glyphOfThing && !subjectWords[t]) {
      // A thing it draws alone, large (object.ts); in another kind of picture, or second in line, it is left out.
      const standsHere = archetype === "landscape" && standingThings.has(glyphOfThing);
      if (glyphOfThing !== thing && !standsHere && !(archetype === "icon" && glyphWords[t] === glyph)) out.leftOut.push(t);
      continue;
    }
    const subject = subjectWords[t];
    // "landscape" names the kind of picture (a hill), not a thing in it: in an icon it is not missed.
    if (subject) {
      if (!drawn.has(subject) && !(archetype === "icon" && t === "landscape")) out.leftOut.push(t);
    } else if (unknown.has(t) && looksLikeThing(t)) out.unknown.push(t);
  }
  return out;
}

const quoted = (words: string[]) => {
  const q = words.slice(0, 5).map((w) => `'${w}'`);
  const list = q.length === 1 ? q[0] : `${q.slice(0, -1).join(", ")} or ${q[q.length - 1]}`;
  return words.length > 5 ? `${list} (and ${words.length - 5} more)` : list;
};

const kindName: Record<Archetype, string> = {
  landscape: "landscape", space: "space scene", abstract: "abstract poster", "still-life": "still life", portrait: "portrait",
  botanical: "flower picture", icon: "logo", object: "picture",
};

/** The notices shown with the picture: none when it drew everything it was asked for. */
export function noticesFor({ unknown, leftOut }: Undrawn, archetype: Archetype): string[] {
  const out: string[] = [];
  if (unknown.length) out.push(`Drawn offline: the local renderer does not know ${quoted(unknown)} — connect a provider for this.`);
  if (leftOut.length) out.push(`Drawn offline: ${quoted(leftOut)} ${leftOut.length === 1 ? "is" : "are"} not drawn in this ${kindName[archetype]} — connect a provider for this.`);
  return out;
}
