// The style presets a generation may name, and the words each adds to a prompt. Plain data: the browser's style
// chips read the list too (through lib/providers/types and components/api/generation).

export const stylePresets = ["none", "photorealistic", "illustration", "3d", "anime", "painting", "pixel-art", "line-art", "icon"] as const;
export type StylePreset = (typeof stylePresets)[number];

/** Words a style preset adds to a prompt, for services that take no style parameter. */
export const styleText: Record<StylePreset, string> = {
  none: "",
  photorealistic: "photorealistic, natural light, high detail, shot on a full-frame camera",
  illustration: "digital illustration, clean shapes, flat colours",
  "3d": "3D render, soft global illumination, smooth materials",
  anime: "anime style, cel shading, vivid colours",
  painting: "oil painting, visible brush strokes",
  "pixel-art": "pixel art, limited palette, crisp pixels",
  "line-art": "line art, black ink on white paper",
  icon: "app icon, simple centred symbol, flat design, no text",
};
