/** The filters of the API, each with its one parameter (if any) and a CSS approximation for the live preview. */
export type FilterType = "grayscale" | "sepia" | "blur" | "sharpen" | "brightness" | "contrast" | "saturation" | "hue" | "invert" | "tint";

export interface FilterParam {
  name: "amount" | "radius" | "sigma" | "degrees" | "color";
  label: string;
  kind: "range" | "color";
  min?: number;
  max?: number;
  step?: number;
  initial: number | string;
  hint?: string;
}

export interface FilterOption {
  type: FilterType;
  label: string;
  param?: FilterParam;
  /** A CSS `filter` value; `scale` is displayed pixels per original pixel. Absent when CSS cannot show it. */
  css?: (value: number, scale: number) => string;
}

const multiplier = (label: string, initial: number): FilterParam => ({
  name: "amount",
  label,
  kind: "range",
  min: 0,
  max: 4,
  step: 0.05,
  initial,
  hint: "1 leaves the image unchanged",
});

export const filterOptions: FilterOption[] = [
  { type: "grayscale", label: "Grayscale", css: () => "grayscale(1)" },
  { type: "sepia", label: "Sepia", param: { name: "amount", label: "Strength", kind: "range", min: 0, max: 1, step: 0.05, initial: 1 }, css: (v) => `sepia(${v})` },
  { type: "blur", label: "Blur", param: { name: "radius", label: "Radius", kind: "range", min: 0.3, max: 50, step: 0.1, initial: 4, hint: "In pixels of the original" }, css: (v, s) => `blur(${v * s}px)` },
  { type: "sharpen", label: "Sharpen", param: { name: "sigma", label: "Strength", kind: "range", min: 0.1, max: 10, step: 0.1, initial: 1.5, hint: "Sharpening shows only in the result" } },
  { type: "brightness", label: "Brightness", param: multiplier("Brightness", 1.2), css: (v) => `brightness(${v})` },
  { type: "contrast", label: "Contrast", param: multiplier("Contrast", 1.3), css: (v) => `contrast(${v})` },
  { type: "saturation", label: "Saturation", param: multiplier("Saturation", 1.5), css: (v) => `saturate(${v})` },
  { type: "hue", label: "Hue", param: { name: "degrees", label: "Rotation", kind: "range", min: -180, max: 180, step: 1, initial: 90, hint: "Degrees around the colour wheel" }, css: (v) => `hue-rotate(${v}deg)` },
  { type: "invert", label: "Invert", css: () => "invert(1)" },
  { type: "tint", label: "Tint", param: { name: "color", label: "Colour", kind: "color", initial: "#f59e0b" } },
];

export interface FilterChoice {
  type: FilterType;
  value: number | string;
}

export const optionOf = (type: FilterType) => filterOptions.find((o) => o.type === type)!;

/** The request body: `{type, params}`. */
export function filterBody({ type, value }: FilterChoice) {
  const param = optionOf(type).param;
  return { type, params: param ? { [param.name]: value } : {} };
}

/** How the preview shows a choice: a CSS filter, or a colour layered in `color` blend mode for a tint. */
export function previewOf(choice: FilterChoice | null, scale: number): { filter?: string; tint?: string } {
  if (!choice) return {};
  if (choice.type === "tint") return { tint: String(choice.value) };
  const css = optionOf(choice.type).css;
  return css ? { filter: css(Number(choice.value), scale) } : {};
}
