/**
 * Heatmap / SimCC decoding, batched over `[N, K, H, W]` (or `[N, K, W]`) float32 tensors, each decoder a
 * faithful port of one reference implementation (see `docs/guides/decoding.md`).
 *
 * @module
 */
export type { HeatmapDecodeResult, InvalidConvention, OutputSpace } from './types.js';
export { getHeatmapMaximum } from './argmax.js';
export type { HeatmapMaximumOptions } from './argmax.js';
export { decodeMsra } from './msra.js';
export type { MsraDecodeOptions } from './msra.js';
export { getGaussianKernel, gaussianBlurHeatmaps } from './blur.js';
export { decodeDark } from './dark.js';
export type { DarkDecodeOptions } from './dark.js';
export { decodeUdp } from './udp.js';
export type { UdpDecodeOptions } from './udp.js';
export { decodeSimcc, getSimccMaximum, getSimccNormalized, simccDarkKernelSize } from './simcc.js';
export type { SimccDecodeOptions, SimccDecodeResult, SimccMaximumOptions, SimccNormalizedOptions } from './simcc.js';
export { decodeHrnetFinalPreds } from './hrnet.js';
export type { HrnetDecodeOptions } from './hrnet.js';
export { decodeAlphaPoseSimple, decodeIntegral } from './alphapose.js';
export type { AlphaPoseSimpleOptions, IntegralDecodeOptions, IntegralNorm } from './alphapose.js';
export { decodeRmpeLegacy } from './rmpe.js';
export type { RmpeDecodeOptions } from './rmpe.js';
export { createDecodeBuffer } from '../wasm/heap.js';
export type { DecodeBuffer } from '../wasm/heap.js';
