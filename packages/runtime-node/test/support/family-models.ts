/**
 * The test models of the families without a real model in ../shared/models, with each family's exact I/O
 * convention (see onnx-builder.ts for how the constant graphs are made).
 */
import { buildConstModel } from './onnx-builder.js';
import { PERSON_COCO17_CROP, PERSON_COCO18, renderBodyParts, renderOpenPose, renderSimcc } from './synthetic-person.js';

/** RTMPose 256x192: `input [N, 3, 256, 192]` -> `simcc_x [N, 17, 384]`, `simcc_y [N, 17, 512]` (dynamic batch). */
export function simccModel(names: { input?: string; x?: string; y?: string } = {}): Uint8Array {
  const { x, y } = renderSimcc(PERSON_COCO17_CROP, 192, 256);
  return buildConstModel({
    inputName: names.input ?? 'input',
    height: 256,
    width: 192,
    batch: 'N',
    outputs: [
      { name: names.x ?? 'simcc_x', dims: [17, 384], data: x },
      { name: names.y ?? 'simcc_y', dims: [17, 512], data: y },
    ],
  });
}

/** Image size the OpenPose test person is drawn for (the 368x368 input letterboxes it at scale 1, padding right). */
export const OPENPOSE_IMAGE = { width: 320, height: 368 } as const;

/**
 * OpenPose COCO-18: `input [1, 3, 368, 368]` -> heatmaps `[1, 19, 46, 46]` (18 parts + background) and PAFs
 * `[1, 38, 46, 46]` at stride 8, for {@link PERSON_COCO18}.
 */
export function openposeModel(names: { input?: string; heatmaps?: string; pafs?: string } = {}): Uint8Array {
  const { heatmaps, pafs } = renderOpenPose(PERSON_COCO18, 46, 46, 8);
  return buildConstModel({
    inputName: names.input ?? 'input',
    height: 368,
    width: 368,
    batch: 1,
    outputs: [
      { name: names.heatmaps ?? 'heatmaps', dims: [19, 46, 46], data: heatmaps },
      { name: names.pafs ?? 'pafs', dims: [38, 46, 46], data: pafs },
    ],
  });
}

/** The body-parts test person: {@link PERSON_COCO18} × 1.5 (coordinates ≡ 2 mod 4, 1/8 cell off a stride-4 centre). */
export const PERSON_BODY_PARTS: readonly (readonly [number, number])[] = PERSON_COCO18.map(([x, y]) => [x * 1.5, y * 1.5] as const);

/** Image size the body-parts person is drawn for (the 512x512 input letterboxes it at scale 1, padding right). */
export const BODY_PARTS_IMAGE = { width: 448, height: 512 } as const;

/**
 * Simple Pose (Improved-Body-Parts): `input [1, 3, 512, 512]` -> `output [1, 50, 128, 128]` at stride 4 (30 limb
 * maps, 18 part maps, 2 background maps), for {@link PERSON_BODY_PARTS}.
 */
export function bodyPartsModel(names: { input?: string; output?: string } = {}): Uint8Array {
  return buildConstModel({
    inputName: names.input ?? 'input',
    height: 512,
    width: 512,
    batch: 1,
    outputs: [{ name: names.output ?? 'output', dims: [50, 128, 128], data: renderBodyParts(PERSON_BODY_PARTS, 128, 128, 4) }],
  });
}
