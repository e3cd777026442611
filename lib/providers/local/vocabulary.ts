/** Which words name which scene elements, times, weathers and styles. */
import type { StylePreset } from "../types";

export const subjects = [
  "mountain", "hill", "sea", "lake", "beach", "island", "cliff", "forest", "tree", "palm", "city", "village",
  "desert", "canyon", "snowfield", "volcano", "space", "planet", "galaxy", "aurora", "flower", "meadow", "abstract",
  "waves", "portrait", "person", "cat", "dog", "fox", "wolf", "rabbit", "deer", "bird", "whale", "fish", "butterfly",
  "lighthouse", "cabin", "castle", "boat", "balloon", "rocket", "spheres", "cubes", "sun", "moon", "stars", "clouds",
] as const;
export type Subject = (typeof subjects)[number];

export const subjectWords: Record<string, Subject> = {
  mountain: "mountain", mount: "mountain", peak: "mountain", alps: "mountain", summit: "mountain", range: "mountain",
  ridge: "mountain", himalaya: "mountain", glacier: "mountain", fjord: "mountain", valley: "mountain",
  hill: "hill", countryside: "hill", landscape: "hill", field: "meadow", meadow: "meadow", grassland: "meadow", prairie: "meadow",
  farm: "meadow", savanna: "meadow", park: "meadow", grass: "meadow",
  sea: "sea", ocean: "sea", coast: "sea", shore: "sea", seaside: "sea", bay: "sea", harbor: "sea", harbour: "sea",
  wave: "waves", surf: "waves",
  lake: "lake", pond: "lake", river: "lake", reflection: "lake", water: "lake", lagoon: "lake", stream: "lake",
  beach: "beach", sand: "beach", tropical: "beach", paradise: "beach", island: "island",
  cliff: "cliff", cliffs: "cliff", rock: "cliff", coastline: "cliff",
  forest: "forest", woods: "forest", woodland: "forest", jungle: "forest", taiga: "forest", rainforest: "forest",
  tree: "tree", pine: "forest", oak: "tree", birch: "tree", willow: "tree", maple: "tree", orchard: "tree", sakura: "tree", blossom: "tree",
  palm: "palm",
  city: "city", skyline: "city", building: "city", skyscraper: "city", downtown: "city", metropolis: "city", urban: "city",
  street: "city", cyberpunk: "city", tokyo: "city", york: "city", town: "village", village: "village", house: "cabin",
  home: "cabin", cottage: "cabin", cabin: "cabin", hut: "cabin", barn: "cabin", chalet: "cabin",
  desert: "desert", dune: "desert", sahara: "desert", oasis: "desert", canyon: "canyon", mesa: "canyon", arizona: "canyon",
  snow: "snowfield", snowy: "snowfield", winter: "snowfield", tundra: "snowfield", arctic: "snowfield", volcano: "volcano", lava: "volcano",
  space: "space", cosmos: "space", universe: "space", cosmic: "space", nebula: "space", outer: "space", astronaut: "space",
  planet: "planet", saturn: "planet", mars: "planet", jupiter: "planet", galaxy: "galaxy", "milky way": "galaxy",
  aurora: "aurora", "northern lights": "aurora", borealis: "aurora",
  flower: "flower", garden: "flower", rose: "flower", tulip: "flower", daisy: "flower", bloom: "flower", poppy: "flower",
  sunflower: "flower", bouquet: "flower", botanical: "flower", wildflower: "flower", floral: "flower", lotus: "flower", lily: "flower",
  abstract: "abstract", geometric: "abstract", geometry: "abstract", pattern: "abstract", shape: "abstract", bauhaus: "abstract",
  composition: "abstract", fluid: "abstract", gradient: "abstract", wallpaper: "abstract", texture: "abstract",
  portrait: "portrait", face: "portrait", selfie: "portrait", headshot: "portrait", profile: "portrait", avatar: "portrait",
  woman: "portrait", man: "portrait", girl: "portrait", boy: "portrait", lady: "portrait", child: "portrait",
  person: "person", people: "person", hiker: "person", traveler: "person", traveller: "person", figure: "person",
  wanderer: "person", couple: "person", silhouette: "person",
  cat: "cat", kitten: "cat", kitty: "cat", dog: "dog", puppy: "dog", corgi: "dog", fox: "fox", wolf: "wolf", husky: "wolf",
  rabbit: "rabbit", bunny: "rabbit", hare: "rabbit", deer: "deer", stag: "deer", elk: "deer", moose: "deer", reindeer: "deer",
  bird: "bird", birds: "bird", seagull: "bird", gull: "bird", eagle: "bird", crow: "bird", swallow: "bird", flock: "bird", owl: "bird",
  whale: "whale", dolphin: "whale", fish: "fish", koi: "fish", butterfly: "butterfly",
  lighthouse: "lighthouse", castle: "castle", palace: "castle", fortress: "castle", kingdom: "castle", tower: "castle", temple: "castle",
  boat: "boat", ship: "boat", sailboat: "boat", yacht: "boat", sail: "boat", canoe: "boat", balloon: "balloon",
  rocket: "rocket", spaceship: "rocket", spacecraft: "rocket", launch: "rocket",
  sphere: "spheres", ball: "spheres", orb: "spheres", bubble: "spheres", marble: "spheres", cube: "cubes", block: "cubes",
  sun: "sun", moon: "moon", moonlight: "moon", moonlit: "moon", star: "stars", starry: "stars", constellation: "stars",
  cloud: "clouds", cloudy: "clouds",
};

export type TimeOfDay = "sunrise" | "morning" | "noon" | "afternoon" | "golden" | "sunset" | "dusk" | "night";
export const timeWords: Record<string, TimeOfDay> = {
  sunrise: "sunrise", dawn: "sunrise", daybreak: "sunrise", morning: "morning", day: "noon", daytime: "noon", noon: "noon",
  midday: "noon", afternoon: "afternoon", "golden hour": "golden", evening: "sunset", sunset: "sunset", sundown: "sunset",
  dusk: "dusk", twilight: "dusk", "blue hour": "dusk", night: "night", midnight: "night", nighttime: "night", nocturnal: "night",
};

/** Words that suggest a time without naming one: used only when the prompt names none. */
export const impliedTimeWords: Record<string, TimeOfDay> = {
  starry: "night", moonlit: "night", moonlight: "night", stars: "night", star: "night", galaxy: "night", "milky way": "night",
  aurora: "night", "northern lights": "night", neon: "night", borealis: "night",
};

export type Weather = "fog" | "rain" | "snow" | "storm" | "overcast" | "rainbow" | "clear";
export const weatherWords: Record<string, Weather> = {
  fog: "fog", foggy: "fog", mist: "fog", misty: "fog", haze: "fog", hazy: "fog", smoke: "fog",
  rain: "rain", rainy: "rain", raining: "rain", drizzle: "rain", downpour: "rain", wet: "rain", monsoon: "rain",
  snow: "snow", snowy: "snow", snowing: "snow", snowfall: "snow", blizzard: "snow", snowflake: "snow", winter: "snow",
  storm: "storm", stormy: "storm", thunder: "storm", thunderstorm: "storm", lightning: "storm", tempest: "storm",
  overcast: "overcast", cloudy: "overcast", rainbow: "rainbow", clear: "clear", cloudless: "clear", sunny: "clear",
};

export type Season = "spring" | "summer" | "autumn" | "winter";
export const seasonWords: Record<string, Season> = {
  spring: "spring", blossom: "spring", sakura: "spring", summer: "summer", autumn: "autumn", fall: "autumn",
  autumnal: "autumn", halloween: "autumn", winter: "winter", christmas: "winter", snowy: "winter", frozen: "winter",
};

export const styleWords: Record<string, StylePreset> = {
  photo: "photorealistic", photograph: "photorealistic", photorealistic: "photorealistic", realistic: "photorealistic",
  cinematic: "photorealistic", hyperrealistic: "photorealistic", illustration: "illustration", flat: "illustration",
  vector: "illustration", cartoon: "illustration", "children's book": "illustration", storybook: "illustration",
  "3d": "3d", render: "3d", clay: "3d", claymation: "3d", isometric: "3d", blender: "3d", "low poly": "3d",
  anime: "anime", manga: "anime", ghibli: "anime", "cel shaded": "anime", painting: "painting", painted: "painting",
  oil: "painting", "oil painting": "painting", watercolor: "painting", watercolour: "painting", impressionist: "painting",
  acrylic: "painting", gouache: "painting", "pixel art": "pixel-art", pixel: "pixel-art", "8-bit": "pixel-art", "16-bit": "pixel-art",
  "line art": "line-art", sketch: "line-art", drawing: "line-art", ink: "line-art", pencil: "line-art",
  outline: "line-art", doodle: "line-art", icon: "icon", logo: "icon", "app icon": "icon", emoji: "icon", glyph: "icon",
};

/** Phrases read as one word. */
export const phrases = [
  "milky way", "northern lights", "golden hour", "blue hour", "black and white", "pixel art", "line art", "app icon",
  "oil painting", "low poly", "cel shaded", "still life", "children's book", "hot air", "new york",
];

/** Words that say "leave this out". */
export const negators = new Set(["no", "without", "not", "never", "none", "minus", "except", "remove", "erase", "delete"]);
export const fillers = new Set(["a", "an", "the", "any", "some", "of", "and", "with", "in", "on", "at", "over", "under", "by", "is", "are"]);
