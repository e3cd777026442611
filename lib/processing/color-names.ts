import { hexToRgb, labDistanceSq, rgbToOklab, type Lab } from "./oklab";

/**
 * A curated table of everyday colour names (the words a designer or a caption would use, not the 140 CSS keywords
 * with their oddities such as "darkgray" being lighter than "gray"), matched by OKLab distance. A name may stand
 * for more than one point (orange is both #ff8000 and #ffa500).
 */
const table: readonly (readonly [name: string, hex: string])[] = [
  // Neutrals
  ["white", "#ffffff"], ["off-white", "#f4f2ec"], ["ivory", "#fffff0"], ["cream", "#fffdd0"], ["linen", "#faf0e6"],
  ["eggshell", "#f0ead6"], ["beige", "#f5f5dc"], ["light grey", "#d3d3d3"], ["silver", "#c0c0c0"], ["ash grey", "#b2beb5"],
  ["warm grey", "#a39e93"], ["cool grey", "#8c92ac"], ["grey", "#808080"], ["stone grey", "#6f6a63"], ["slate grey", "#708090"],
  ["dark grey", "#555555"], ["charcoal", "#36454f"], ["gunmetal", "#2a3439"], ["dark charcoal", "#2b2b2b"], ["off-black", "#1a1a1a"],
  ["black", "#000000"], ["taupe", "#8b8589"], ["greige", "#b5ac9e"],
  // Reds
  ["red", "#ff0000"], ["crimson", "#dc143c"], ["scarlet", "#ff2400"], ["cherry red", "#d2042d"], ["candy apple red", "#ff0800"],
  ["dark red", "#8b0000"], ["maroon", "#800000"], ["burgundy", "#800020"], ["wine", "#722f37"], ["oxblood", "#4a0000"],
  ["brick red", "#b22222"], ["rust", "#b7410e"], ["tomato red", "#ff6347"], ["indian red", "#cd5c5c"], ["ruby", "#9b111e"],
  // Pinks
  ["pink", "#ffc0cb"], ["light pink", "#ffdde4"], ["hot pink", "#ff69b4"], ["deep pink", "#ff1493"], ["rose", "#ff007f"],
  ["dusty rose", "#c08081"], ["blush pink", "#de5d83"], ["salmon", "#fa8072"], ["light salmon", "#ffa07a"], ["coral", "#ff7f50"],
  ["raspberry", "#e30b5c"], ["bubblegum pink", "#ffc1cc"], ["old rose", "#a9676e"], ["rose gold", "#b76e79"], ["flamingo pink", "#fc8eac"],
  // Oranges
  ["orange", "#ff8000"], ["orange", "#ffa500"], ["amber", "#ffbf00"], ["peach", "#ffcba4"], ["apricot", "#fbceb1"],
  ["burnt orange", "#cc5500"], ["terracotta", "#e2725b"], ["copper", "#b87333"], ["bronze", "#cd7f32"],
  ["marigold", "#eaa221"], ["papaya", "#ffefd5"], ["persimmon", "#ec5800"],
  // Browns
  ["brown", "#964b00"], ["dark brown", "#5c4033"], ["chocolate", "#7b3f00"], ["coffee", "#6f4e37"], ["espresso", "#3c2218"],
  ["tan", "#d2b48c"], ["khaki", "#c3b091"], ["sand", "#c2b280"], ["camel", "#c19a6b"], ["sienna", "#a0522d"],
  ["umber", "#635147"], ["mahogany", "#c04000"], ["chestnut", "#954535"], ["cinnamon", "#d2691e"], ["caramel", "#c68e17"],
  ["mocha", "#967969"], ["wheat", "#f5deb3"], ["walnut", "#5d432c"], ["cocoa", "#875f42"],
  // Yellows
  ["yellow", "#ffff00"], ["lemon yellow", "#fff44f"], ["gold", "#ffd700"], ["mustard", "#e1ad01"], ["goldenrod", "#daa520"],
  ["butter yellow", "#fffd96"], ["pale yellow", "#ffffbf"], ["ochre", "#cc7722"], ["olive", "#808000"], ["dark olive", "#556b2f"],
  ["honey", "#eba937"], ["sunflower yellow", "#ffda03"], ["straw", "#e4d96f"], ["champagne", "#f7e7ce"],
  // Greens
  ["bright green", "#00ff00"], ["green", "#008000"], ["lime green", "#32cd32"], ["chartreuse", "#7fff00"], ["spring green", "#00ff7f"],
  ["mint green", "#98ff98"], ["pale green", "#c1e1c1"], ["jade", "#00a86b"], ["emerald", "#50c878"], ["kelly green", "#4cbb17"],
  ["forest green", "#228b22"], ["hunter green", "#355e3b"], ["dark green", "#013220"], ["olive green", "#6b8e23"], ["sage green", "#9caf88"],
  ["moss green", "#8a9a5b"], ["pine green", "#01796f"], ["sea green", "#2e8b57"], ["pistachio", "#93c572"], ["avocado", "#568203"],
  ["fern green", "#4f7942"], ["seafoam green", "#93e9be"], ["army green", "#4b5320"], ["bottle green", "#006a4e"], ["lime", "#bfff00"],
  ["celadon", "#ace1af"], ["eucalyptus", "#5f8575"], ["khaki green", "#8a865d"],
  // Cyans and teals
  ["cyan", "#00ffff"], ["turquoise", "#40e0d0"], ["aquamarine", "#7fffd4"], ["teal", "#008080"], ["dark teal", "#014d4e"],
  ["teal blue", "#367588"], ["petrol blue", "#005f6a"], ["pale turquoise", "#afeeee"], ["light cyan", "#e0ffff"], ["duck egg blue", "#c3e4e8"],
  ["verdigris", "#43b3ae"],
  // Blues
  ["sky blue", "#87ceeb"], ["light blue", "#add8e6"], ["baby blue", "#89cff0"], ["powder blue", "#b0e0e6"], ["steel blue", "#4682b4"],
  ["cornflower blue", "#6495ed"], ["royal blue", "#4169e1"], ["blue", "#0000ff"], ["cobalt blue", "#0047ab"], ["azure", "#007fff"],
  ["cerulean", "#007ba7"], ["denim blue", "#1560bd"], ["sapphire", "#0f52ba"], ["navy blue", "#000080"], ["midnight blue", "#191970"],
  ["dark blue", "#00008b"], ["ultramarine", "#120a8f"], ["prussian blue", "#003153"], ["electric blue", "#7df9ff"], ["dodger blue", "#1e90ff"],
  ["slate blue", "#6a5acd"], ["periwinkle", "#ccccff"], ["ice blue", "#dbeefa"], ["dusty blue", "#8c9cb4"], ["air force blue", "#5d8aa8"],
  ["oxford blue", "#002147"], ["ink blue", "#1f2a44"],
  // Purples
  ["indigo", "#4b0082"], ["purple", "#800080"], ["violet", "#8f00ff"], ["lavender", "#b57edc"], ["pale lavender", "#e6e6fa"],
  ["lilac", "#c8a2c8"], ["plum", "#8e4585"], ["orchid", "#da70d6"], ["amethyst", "#9966cc"], ["eggplant", "#614051"],
  ["grape", "#6f2da8"], ["magenta", "#ff00ff"], ["fuchsia", "#c154c1"], ["mulberry", "#c54b8c"], ["dark purple", "#301934"],
  ["mauve", "#b784a7"], ["heather", "#9e8fb2"], ["royal purple", "#7851a9"], ["electric purple", "#bf00ff"], ["aubergine", "#3b0910"],
];

const names: string[] = table.map(([name]) => name);
const labs: Lab[] = table.map(([, hex]) => rgbToOklab(hexToRgb(hex)));

/** How many names the table holds. */
export const colorNameCount = table.length;

/** The closest readable colour name by OKLab distance, e.g. "crimson", "navy blue", "sage green". */
export function colorName(rgb: readonly [number, number, number]): string {
  const lab = rgbToOklab(rgb);
  let best = 0;
  let bestDistance = Infinity;
  for (let i = 0; i < labs.length; i++) {
    const d = labDistanceSq(lab, labs[i]);
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return names[best];
}
