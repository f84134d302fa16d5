/**
 * Helpers shared by the bottom-up end-to-end tests (OpenPose PAF and Simple Pose body-part models built here).
 */
import { expect } from 'vitest';
import { createBottomUpEstimator, getLayout, getModelPreset } from '@posekit/core';
import type { PoseEstimator } from '@posekit/core';
import { createSession } from '../../src/index.js';

/**
 * Largest keypoint distance (px) between a pose and the rendered person (given in OpenPose COCO-18 order),
 * matching keypoints by name; asserts every matched keypoint was found with score > 0.5. COCO-18 parts with
 * no slot in `layoutName` (the neck in COCO-17) are skipped.
 */
export function maxKeypointError(kp: Float32Array, layoutName: 'openpose_coco18' | 'coco17', person: readonly (readonly [number, number])[]): number {
  const src = getLayout('openpose_coco18').keypoints;
  const dst = getLayout(layoutName).keypoints;
  let worst = 0;
  src.forEach((name, p) => {
    const k = dst.indexOf(name);
    if (k < 0) return;
    expect(kp[3 * k + 2]!).toBeGreaterThan(0.5);
    worst = Math.max(worst, Math.hypot(kp[3 * k]! - person[p]![0], kp[3 * k + 1]! - person[p]![1]));
  });
  return worst;
}

/** Options of the bottom-up estimator, as `createBottomUpEstimator` takes them. */
export type BottomUpOptions = Parameters<typeof createBottomUpEstimator>[0]['options'];

/**
 * A factory of bottom-up estimators over fresh CPU sessions of `model` with the preset `presetName`; every
 * estimator made is remembered so `disposeAll` releases them (and their sessions) after the tests.
 */
export function bottomUpFactory(model: () => Uint8Array, presetName: string): {
  make(options: BottomUpOptions): Promise<PoseEstimator>;
  disposeAll(): Promise<void>;
} {
  const made: PoseEstimator[] = [];
  return {
    async make(options) {
      const { session } = await createSession(model(), { device: 'cpu' });
      const est = createBottomUpEstimator({ session, spec: getModelPreset(presetName), options: { ...options, ownsSession: true } });
      made.push(est);
      return est;
    },
    async disposeAll() {
      for (const e of made) await e.dispose();
      made.length = 0;
    },
  };
}
