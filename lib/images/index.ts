/** ImageService: the use cases behind the image, processing and collection routes. */
export { uploadImage, type UploadImageOptions } from "./upload";
export { listImages, listImagesQuery, getImage, getLineage, type ListImagesOptions, type GetImageOptions } from "./query";
export { deleteImage, type DeleteImageOptions } from "./delete";
export { updateImage, type UpdateImageOptions } from "./update";
export { processImage, resizeImage, cropImage, filterImage, processOperations, type ProcessImageOptions } from "./process";
export { getImageFile, getImageUrl, exportImageFile, readSignedFile, type FileVariant, type ExportImageOptions } from "./files";
export * from "./collections";
export { toImageDto, type ImageDto } from "./dto";
export { storeImage, type StoreImageInput } from "./store";
export { resizeBody, cropBody, filterBody, processBody } from "./schemas";
export { createGeneration, type CreateGenerationOptions } from "./generate";
export { generationBody, type GenerationBody } from "./generation-schema";
export { getJob, listJobs, listJobsQuery, cancelJob, streamJobEvents, lastEventIdSchema, sseHeaders } from "./jobs";
export { getUsage, usageQuery } from "./usage";
export { startImageWorker } from "./worker";
export { waitForGeneration } from "./generation-wait";
export { generateCompat, compatBody } from "./compat";
export { submitWorkPackage, workPackageTypes } from "./work-packages";
