/**
 * Type tests: lock the public type surface. `expectTypeOf` is checked by the compiler (`pnpm typecheck` runs
 * tsc over test/), and each `@ts-expect-error` line fails the typecheck if the call it marks ever compiles.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { Affine2x3, Box, EstimateResult, HeatmapDecodeResult, KeypointLayout, Pose, PosekitErrorCode, TensorLike } from '../src/index.js';
import { boxNms, decodeMsra, getLayout, getWarpMatrix, isPosekitError, PosekitError } from '../src/index.js';

describe('public types', () => {
  it('layouts are readonly data', () => {
    const l = getLayout('coco17');
    expectTypeOf(l).toEqualTypeOf<KeypointLayout>();
    expectTypeOf(l.keypoints).toEqualTypeOf<readonly string[]>();
    expectTypeOf(l.flipIndices).toEqualTypeOf<readonly number[]>();
    // Compile-time only (never called: at run time the frozen array would throw).
    const mutate = (): number =>
      // @ts-expect-error layouts are read-only
      l.keypoints.push('extra');
    expectTypeOf(mutate).toBeFunction();
  });

  it('decoders take float32 tensors and return flat typed arrays', () => {
    expectTypeOf(decodeMsra).parameter(0).toEqualTypeOf<TensorLike<Float32Array>>();
    expectTypeOf(decodeMsra).returns.toEqualTypeOf<HeatmapDecodeResult>();
    expectTypeOf<HeatmapDecodeResult['keypoints']>().toEqualTypeOf<Float32Array>();
    // @ts-expect-error float64 heatmaps are not float32 tensors
    const bad: Parameters<typeof decodeMsra>[0] = { data: new Float64Array(4), dims: [1, 1, 2, 2] };
    void bad;
  });

  it('affine kernels use the out-parameter style and return null for degenerate input', () => {
    expectTypeOf(getWarpMatrix).returns.toEqualTypeOf<Affine2x3 | null>();
    expectTypeOf(getWarpMatrix).parameter(0).toEqualTypeOf<Affine2x3>();
  });

  it('NMS returns kept indices as Int32Array', () => {
    expectTypeOf(boxNms).returns.toEqualTypeOf<Int32Array>();
    const badOffset = (): Int32Array =>
      // @ts-expect-error the box-area convention is 0 or 1 only
      boxNms(new Float32Array(4), new Float32Array(1), 0.5, { offset: 2 });
    expectTypeOf(badOffset).toBeFunction();
  });

  it('poses and estimator results are plain data', () => {
    expectTypeOf<Pose['keypoints']>().toEqualTypeOf<Float32Array>();
    expectTypeOf<Pose['box']>().toEqualTypeOf<Box | undefined>();
    expectTypeOf<EstimateResult['poses']>().toEqualTypeOf<Pose[]>();
  });

  it('error codes are a closed union', () => {
    expectTypeOf<PosekitError['code']>().toEqualTypeOf<PosekitErrorCode>();
    const badCode = (): PosekitError =>
      // @ts-expect-error unknown codes do not compile
      new PosekitError('E_NOT_A_CODE', 'x');
    expectTypeOf(badCode).toBeFunction();
    const e: unknown = new PosekitError('E_RANK', 'x');
    if (isPosekitError(e)) expectTypeOf(e).toEqualTypeOf<PosekitError>();
  });
});
