/** The processing core: pure sharp pipelines over bytes. No storage, no database, no HTTP. */
export { inspectImage, type InputLimits, type InspectedImage } from "./decode";
export { normalizeGenerated, normalizeUpload, sha256, type NormalizedImage } from "./normalize";
export { makeRenditions, renditionSizes, type Rendition, type RenditionSet } from "./renditions";
export { runOperations, type ProcessedImage } from "./pipeline";
export { runAnimatedOperations } from "./animated-pipeline";
export { decodeFrames, encodeFrames, frameOf, keepAnimation, type DecodedFrames } from "./animated";
export { exportImage, provenanceXmp, type Provenance } from "./export";
export { placeholderDataUrl } from "./placeholder";
export * from "./formats";
export * from "./operations";
export { filterTypes, filterSpecSchema, type FilterSpec, type FilterType } from "./filters";
export { makeIconRenditions, type IconRendition } from "./icons";
export { colorName } from "./color-names";
export {
  describeColor,
  extractPalette,
  extractPalettes,
  maxPaletteColors,
  minPaletteColors,
  paletteQuantisationError,
  paletteTypes,
  type PaletteColor,
  type PaletteType,
} from "./palette-extract";
export { paletteCss, paletteJson, paletteSlug, paletteSwatchPng, paletteTailwind, paletteTailwindConfig } from "./palette-export";
export { applyPaletteToPixels } from "./recolor";
