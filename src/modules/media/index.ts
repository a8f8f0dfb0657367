// Media: pictures drawn or uploaded, stored on disk under <dataDir>/media/<key>/<width>.<ext>.

/** After-seed step: draws, renders and links a picture for every product and producer without one. */
export { generateDemoImages, PRODUCT_WIDTHS, PRODUCER_WIDTHS, type GenerateImagesResult } from './generate-demo-images.ts'
/** Shared pictures of categories, for synthetic catalogues (one picture per category). */
export { generateCategoryImages } from './generate-category-images.ts'
/** URL and srcset of stored renditions. */
export { imageUrl, imageSrcset } from './image-url.ts'
/** Formats every picture is stored in, best first. */
export { FORMATS, type ImageFormat } from './render-image.ts'
/** Options every image step takes (the seed options). */
export type { ImageStepOptions } from './store-pictures.ts'
/** Uploaded pictures: checked by content, limited, auto-oriented, stripped of metadata, rendered like drawn ones. */
export { uploadImage, getImage, uploadImageSchema, type UploadImageInput, type StoredImage } from './upload-image.ts'
export { UPLOAD_MAX_BYTES, UPLOAD_MAX_PIXELS, UPLOAD_MIN_SIDE } from './decode-upload.ts'
