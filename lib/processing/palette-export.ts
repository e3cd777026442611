/** Palette exports: CSS custom properties, Tailwind (v4 `@theme`, v3 config), JSON and a swatch PNG. */
import { hexToRgb } from "./oklab";
import type { PaletteColor } from "./palette-extract";
import { sharp } from "./sharp";

/** "Sunset Beach!" → "sunset-beach"; "palette" when nothing is left. */
export function paletteSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return slug || "palette";
}

/** Text safe inside a CSS or JS block comment, on one line. */
const commentText = (s: string) => s.replace(/\*\//g, "* /").replace(/[\r\n]+/g, " ");
const percent = (c: PaletteColor) => (c.proportion === undefined ? "" : `, ${(c.proportion * 100).toFixed(1)} %`);

/** `:root { --palette-<slug>-1: #xxxxxx; … }` with the colours' names in comments. */
export function paletteCss(name: string, colors: PaletteColor[]): string {
  const slug = paletteSlug(name);
  const lines = colors.map((c, i) => `  --palette-${slug}-${i + 1}: ${c.hex}; /* ${commentText(c.name)}${percent(c)} */`);
  return [
    `/* Palette "${commentText(name)}": ${colors.map((c, i) => `${i + 1} ${commentText(c.name)}`).join(", ") || "no colours"} */`,
    ":root {",
    ...lines,
    "}",
    "",
  ].join("\n");
}

/**
 * A Tailwind CSS v4 `@theme` snippet (Tailwind 4 is configured in CSS): `--color-<slug>-1` … gives utilities
 * such as `bg-<slug>-1`. The comment shows the Tailwind v3 `tailwind.config.js` form (see `paletteTailwindConfig`).
 */
export function paletteTailwind(name: string, colors: PaletteColor[]): string {
  const slug = paletteSlug(name);
  return [
    `/* Tailwind CSS v4: palette "${commentText(name)}". Put this in your CSS after @import "tailwindcss";`,
    `   then use bg-${slug}-1, text-${slug}-2, border-${slug}-3 …`,
    `   Tailwind v3 (tailwind.config.js): module.exports = { theme: { extend: { colors: { "${slug}": { ${colors.map((c, i) => `${i + 1}: "${c.hex}"`).join(", ")} } } } } */`,
    "@theme {",
    ...colors.map((c, i) => `  --color-${slug}-${i + 1}: ${c.hex}; /* ${commentText(c.name)} */`),
    "}",
    "",
  ].join("\n");
}

/** The Tailwind v3 form: a `tailwind.config.js` extending the theme's colours with `<slug>: { 1: "#…", … }`. */
export function paletteTailwindConfig(name: string, colors: PaletteColor[]): string {
  const slug = paletteSlug(name);
  return [
    `// Tailwind CSS v3: palette "${commentText(name)}" (bg-${slug}-1, text-${slug}-2, …)`,
    "module.exports = {",
    "  theme: {",
    "    extend: {",
    "      colors: {",
    `        "${slug}": {`,
    ...colors.map((c, i) => `          ${i + 1}: "${c.hex}", // ${commentText(c.name)}`),
    "        },",
    "      },",
    "    },",
    "  },",
    "};",
    "",
  ].join("\n");
}

/** Pretty JSON: `{ "name": …, "colors": [{ hex, rgb, hsv, name, proportion? }, …] }`. */
export function paletteJson(name: string, colors: PaletteColor[]): string {
  const plain = colors.map(({ hex, rgb, hsv, name: colorName, proportion }) =>
    proportion === undefined ? { hex, rgb, hsv, name: colorName } : { hex, rgb, hsv, name: colorName, proportion },
  );
  return `${JSON.stringify({ name, colors: plain }, null, 2)}\n`;
}

/**
 * A horizontal strip of swatches as a PNG (default 640×128): each swatch's width is proportional to its
 * proportion when every colour has one, otherwise the widths are equal.
 */
export async function paletteSwatchPng(colors: PaletteColor[], options: { height?: number; width?: number } = {}): Promise<Buffer> {
  const width = options.width ?? 640;
  const height = options.height ?? 128;
  for (const [label, v] of [["width", width], ["height", height]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 8192) throw new RangeError(`${label} must be an integer from 1 to 8192 (got ${v}).`);
  }
  if (!colors.length) throw new RangeError("The palette is empty.");
  if (colors.length > width) throw new RangeError(`${colors.length} swatches do not fit in ${width} px.`);

  const proportional = colors.every((c) => typeof c.proportion === "number" && c.proportion > 0);
  const shares = colors.map((c) => (proportional ? c.proportion! : 1));
  const totalShare = shares.reduce((a, b) => a + b, 0);
  // Edges at the rounded cumulative shares, each swatch at least 1 px wide.
  const edges = [0];
  let cumulative = 0;
  shares.forEach((s, i) => {
    cumulative += s;
    const remaining = colors.length - i - 1;
    const edge = i === colors.length - 1 ? width : Math.round((cumulative / totalShare) * width);
    edges.push(Math.min(width - remaining, Math.max(edges[i] + 1, edge)));
  });

  const row = Buffer.alloc(width * 3);
  colors.forEach((c, i) => {
    const rgb = hexToRgb(c.hex);
    for (let x = edges[i]; x < edges[i + 1]; x++) row.set(rgb, x * 3);
  });
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) row.copy(data, y * width * 3);
  return sharp(data, { raw: { width, height, channels: 3 } }).png().toBuffer();
}
