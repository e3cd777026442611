/** The colour and mood vocabulary the prompt analysis understands. */

export const colorWords: Record<string, string> = {
  red: "#d7263d", crimson: "#b3133a", scarlet: "#e0301e", ruby: "#b0153d", cherry: "#c21a3b", maroon: "#6e1423",
  burgundy: "#7a1b34", wine: "#6f1d3b", rust: "#b5471b", orange: "#f2711c", tangerine: "#f58b2a", amber: "#f5a623",
  apricot: "#f7b07a", peach: "#f9b997", coral: "#f2665e", salmon: "#f58b78", yellow: "#f7d631", lemon: "#f5e050",
  gold: "#e0a81e", golden: "#e8b030", mustard: "#d4a22b", ochre: "#c78a2c", honey: "#e8a93a", lime: "#9ed63a",
  green: "#3fa34d", emerald: "#119f6e", jade: "#2c9f7a", mint: "#8fe3c4", sage: "#9bae8b", olive: "#7d8a3a",
 teal: "#14919b", turquoise: "#2cc3c0", cyan: "#27c7e0", aqua: "#4fd8e0", blue: "#2f6fdb",
  azure: "#3d8fe0", cobalt: "#1f4fbf", sapphire: "#1d3f9e", navy: "#1a2a5e", indigo: "#3f2d9a", denim: "#3d5f94",
  periwinkle: "#8c9cf0", violet: "#8a3fd1", purple: "#7b3fb3", lavender: "#b69be3", lilac: "#c6a2e0", plum: "#7d3c6e",
  magenta: "#d6249f", fuchsia: "#e0359e", pink: "#f28bb2", blush: "#f1b5c2", brown: "#7a5232",
  chocolate: "#5b3a26", coffee: "#6f4e37", tan: "#c8a27a", beige: "#e3d3b3", cream: "#f4ead3", ivory: "#f6f1e1",
  white: "#f4f4f2", silver: "#b9c0c9", grey: "#8a8f98", gray: "#8a8f98", charcoal: "#33363d",
  black: "#16171b", bronze: "#a8702f", copper: "#c0673a", sepia: "#9b7650",
};

/** Words that change how the whole palette is treated rather than naming one colour. */
export const modifierWords: Record<string, Modifier> = {
  pastel: "pastel", soft: "pastel", neon: "neon", cyberpunk: "neon", synthwave: "neon", vaporwave: "neon", glowing: "neon",
  monochrome: "mono", monochromatic: "mono", grayscale: "mono", greyscale: "mono", "black and white": "mono", noir: "mono",
  muted: "muted", desaturated: "muted", faded: "muted", vintage: "vintage", retro: "vintage", sepia: "vintage",
  vibrant: "vibrant", vivid: "vibrant", colorful: "vibrant", colourful: "vibrant", saturated: "vibrant", rainbow: "vibrant",
  dark: "dark", light: "light", bright: "light", warm: "warm", cool: "cool", cold: "cool", icy: "cool",
};

export type Modifier = "pastel" | "neon" | "mono" | "muted" | "vintage" | "vibrant" | "dark" | "light" | "warm" | "cool";

/** How a mood grades the picture. All fields are additive; 0 means "no opinion". */
export interface Grade {
  /** Multiplies saturation by (1 + saturation). */
  saturation: number;
  /** Shifts lightness. */
  brightness: number;
  /** Pushes toward warm (+) or cool (−) light. */
  warmth: number;
  /** Extra mist. */
  fog: number;
  /** Extra cloud cover. */
  clouds: number;
  /** + calmer (lower, smoother ridges, mirror water), − wilder. */
  calm: number;
  /** Extra sparkle (stars, fireflies, glints). */
  magic: number;
}

const grade = (g: Partial<Grade>): Partial<Grade> => g;

export const moodWords: Record<string, Partial<Grade>> = {
  calm: grade({ calm: 1, saturation: -0.1 }), serene: grade({ calm: 1 }), peaceful: grade({ calm: 1 }),
  tranquil: grade({ calm: 1 }), quiet: grade({ calm: 0.8, saturation: -0.1 }), still: grade({ calm: 1 }),
  minimal: grade({ calm: 0.8, clouds: -0.5 }), relaxing: grade({ calm: 0.8 }), gentle: grade({ calm: 0.6, saturation: -0.15, brightness: 0.05 }),
  dramatic: grade({ calm: -1, clouds: 0.5, saturation: 0.1 }), epic: grade({ calm: -1, clouds: 0.3 }),
  majestic: grade({ calm: -0.7 }), intense: grade({ calm: -0.6, saturation: 0.2 }), wild: grade({ calm: -0.8 }),
  powerful: grade({ calm: -0.6 }), stormy: grade({ calm: -1, clouds: 0.9, brightness: -0.1, saturation: -0.3 }),
  gloomy: grade({ saturation: -0.5, brightness: -0.12, fog: 0.35, clouds: 0.7 }), dark: grade({ brightness: -0.1 }),
  melancholy: grade({ saturation: -0.4, brightness: -0.08, fog: 0.3, clouds: 0.4 }), sad: grade({ saturation: -0.45, brightness: -0.08, clouds: 0.5 }),
  moody: grade({ saturation: -0.3, brightness: -0.08, fog: 0.2, clouds: 0.4 }), bleak: grade({ saturation: -0.6, clouds: 0.6, fog: 0.3 }),
  somber: grade({ saturation: -0.45, brightness: -0.1 }), grim: grade({ saturation: -0.5, brightness: -0.12, clouds: 0.5 }),
  lonely: grade({ calm: 0.5, saturation: -0.25, fog: 0.2 }),
  joyful: grade({ saturation: 0.3, brightness: 0.06, warmth: 0.2, clouds: 0.1 }), happy: grade({ saturation: 0.3, brightness: 0.06, warmth: 0.2 }),
  cheerful: grade({ saturation: 0.3, brightness: 0.06, warmth: 0.2 }), playful: grade({ saturation: 0.35, warmth: 0.1 }),
  fun: grade({ saturation: 0.3 }), whimsical: grade({ saturation: 0.2, magic: 0.5 }), sunny: grade({ brightness: 0.05, warmth: 0.2, clouds: -0.4 }),
  mysterious: grade({ fog: 0.45, saturation: -0.1, brightness: -0.05, magic: 0.3 }), mystical: grade({ fog: 0.3, magic: 0.7 }),
  magical: grade({ magic: 1, saturation: 0.15 }), enchanted: grade({ magic: 1, fog: 0.2 }), ethereal: grade({ fog: 0.3, brightness: 0.06, magic: 0.5 }),
  fairytale: grade({ magic: 0.8, saturation: 0.1 }), dreamy: grade({ fog: 0.25, saturation: -0.1, brightness: 0.06, magic: 0.4 }),
  romantic: grade({ warmth: 0.25, saturation: 0.05 }), cozy: grade({ warmth: 0.5 }), cosy: grade({ warmth: 0.5 }),
  warm: grade({ warmth: 0.5 }), cold: grade({ warmth: -0.5 }), icy: grade({ warmth: -0.6 }), frozen: grade({ warmth: -0.6 }),
  eerie: grade({ fog: 0.4, saturation: -0.35, brightness: -0.1 }), spooky: grade({ fog: 0.4, saturation: -0.3, brightness: -0.12 }),
  haunted: grade({ fog: 0.5, saturation: -0.4, brightness: -0.12 }), creepy: grade({ fog: 0.4, saturation: -0.4, brightness: -0.12 }),
  ominous: grade({ clouds: 0.7, brightness: -0.12, saturation: -0.25, calm: -0.6 }), misty: grade({ fog: 0.55 }), hazy: grade({ fog: 0.4 }),
  vibrant: grade({ saturation: 0.35 }), lush: grade({ saturation: 0.25 }), bleached: grade({ saturation: -0.4, brightness: 0.1 }),
};

export const neutralGrade: Grade = { saturation: 0, brightness: 0, warmth: 0, fog: 0, clouds: 0, calm: 0, magic: 0 };

/** Curated poster palettes for prompts that name no colour (abstract posters, still lifes, icons). */
export const posterPalettes: readonly string[][] = [
  ["#264653", "#2a9d8f", "#e9c46a", "#f4a261", "#e76f51"],
  ["#1d3557", "#457b9d", "#a8dadc", "#f1faee", "#e63946"],
  ["#22223b", "#4a4e69", "#9a8c98", "#c9ada7", "#f2e9e4"],
  ["#0b132b", "#1c2541", "#3a506b", "#5bc0be", "#f6c667"],
  ["#3d348b", "#7678ed", "#f7b801", "#f18701", "#f35b04"],
  ["#003049", "#d62828", "#f77f00", "#fcbf49", "#eae2b7"],
  ["#2b2d42", "#8d99ae", "#edf2f4", "#ef233c", "#d90429"],
  ["#355070", "#6d597a", "#b56576", "#e56b6f", "#eaac8b"],
  ["#0d3b66", "#faf0ca", "#f4d35e", "#ee964b", "#f95738"],
  ["#114b5f", "#028090", "#e4fde1", "#456990", "#f45b69"],
  ["#5f0f40", "#9a031e", "#fb8b24", "#e36414", "#0f4c5c"],
  ["#606c38", "#283618", "#fefae0", "#dda15e", "#bc6c25"],
];
