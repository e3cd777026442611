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
