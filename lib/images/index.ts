/** ImageService: the use cases behind the image, processing and collection routes. */
export { uploadImage, type UploadImageOptions } from "./upload";
export { listImages, listImagesQuery, getImage, getLineage, type ListImagesOptions, type GetImageOptions } from "./query";
export { deleteImage, restoreImage, type DeleteImageOptions } from "./delete";
export { emptyTrash, listTrash, purgeExpiredTrash, restoreImages, trashImages } from "./trash";
export { updateImage, type UpdateImageOptions } from "./update";
export {
  bulkDeleteImages,
  bulkDeleteBody,
  bulkRestoreImages,
  bulkRestoreBody,
  downloadImages,
  downloadBody,
  maxBulkIds,
  maxFilterImages,
  type BulkDeleteResult,
  type ZipDownload,
} from "./bulk";
export { processImage, resizeImage, cropImage, filterImage, processOperations, type ProcessImageOptions } from "./process";
export { getImageFile, getImageUrl, exportImageFile, readSignedFile, type FileVariant, type ExportImageOptions } from "./files";
export * from "./collections";
export { toImageDto, type ImageDto } from "./dto";
export type { CollectionDto, PaletteDto } from "./dto-types";
export { storeImage, type StoreImageInput } from "./store";
export { resizeBody, cropBody, filterBody, processBody } from "./schemas";
export { createGeneration, type CreateGenerationOptions } from "./generate";
export { generationBody, type GenerationBody } from "./generation-schema";
export { getJob, listJobs, listJobsQuery, cancelJob, streamJobEvents, lastEventIdSchema, sseHeaders } from "./jobs";
export { getUsage, getEveryonesUsage, usageQuery } from "./usage";
export { startImageWorker } from "./worker";
export { waitForGeneration, jobAccepted } from "./generation-wait";
export { createVariations, createRefinement } from "./derive";
export { createUpscale, createBackgroundRemoval, createExpand } from "./tools";
export { upscaleBody, removeBackgroundBody, expandBody, type UpscaleBody, type RemoveBackgroundBody, type ExpandBody } from "./tools-schema";
export { withReferenceUploads } from "./reference-uploads";
export { variationsBody, refineBody, type VariationsBody, type RefineBody } from "./derive-schema";
export { generateCompat, compatBody } from "./compat";
export { submitWorkPackage, workPackageTypes } from "./work-packages";
export {
  extractImagePalettes,
  listImagePalettes,
  listPalettes,
  getPalette,
  deletePalette,
  createCustomPalette,
  exportPalette,
  applyPalette,
  paletteColors,
  toPaletteDto,
} from "./palettes";
export { extractPaletteBody, extractPalettesBody, customPaletteBody, applyPaletteBody, paletteExportQuery, listPalettesQuery } from "./palette-schema";
