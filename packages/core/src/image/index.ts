/**
 * Image preprocessing: the `ImageLike` pixel container, OpenCV-exact bilinear warps and resizes of 8-bit images,
 * and the fused kernels that write normalized NCHW float32 model inputs (affine person crops, letterbox).
 *
 * @module
 */
export type { ImageLike, NormalizeOptions } from './types.js';
export { checkImage } from './types.js';
export type { AffineCropOptions } from './warp.js';
export { warpAffine, affineCropToTensor } from './warp.js';
export type { LetterboxParams, LetterboxOptions } from './resize.js';
export { resizeBilinear, letterboxParams, letterboxToTensor } from './resize.js';
