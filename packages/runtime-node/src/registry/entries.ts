/**
 * Known download locations of common pose / person-detection ONNX models, as data.
 *
 * URLs are the OpenMMLab download server's MMDeploy "ONNX SDK" zips that rtmlib (`Tau-J/rtmlib`
 * `rtmlib/tools/solution/body.py`, `Body.MODE`) and the MMPose RTMPose README link, and the GitHub raw files the
 * real test models in `../shared/models` came from (MODELS.md). A `sha256` is given only where it was published
 * or measured (MODELS.md; the RTMPose-t archive digest pinned by several independent projects); entries
 * without one are downloaded and their digest reported, never silently trusted as verified.
 *
 * @module
 */
import { getModelPreset } from '@posekit/core';
import type { ModelSpec } from '@posekit/core';

/** Where the model sits inside a downloaded archive. */
export interface ModelArchive {
  /** Archive format (only zip). */
  readonly format: 'zip';
  /** The member whose path is this or ends with `/` + this, e.g. `'end2end.onnx'`. */
  readonly member: string;
  /** sha256 (hex) of the extracted member, when known. */
  readonly sha256?: string;
  /** Size in bytes of the extracted member, when known. */
  readonly size?: number;
}

/** A model the registry knows how to fetch. */
export interface ModelEntry {
  /** Registry name, e.g. `'rtmpose-t'`. */
  readonly name: string;
  /** One line: what it is. */
  readonly description: string;
  /** Where to download it (https). */
  readonly url: string;
  /** sha256 (hex) of the downloaded file (the archive for zips), when known. */
  readonly sha256?: string;
  /** Size in bytes of the downloaded file, when known. */
  readonly size?: number;
  /** The download is an archive holding the model. */
  readonly archive?: ModelArchive;
  /** The spec to run it with: a preset name or a full spec. */
  readonly spec: string | ModelSpec;
  /** Licence of the weights. */
  readonly license: string;
  /** Where the URL and digest were taken from. */
  readonly source: string;
}

const OPENMMLAB = 'https://download.openmmlab.com/mmpose/v1/projects/rtmposev1/onnx_sdk';

/**
 * MMDet YOLOX exported by MMDeploy end2end (HumanArt person detectors used by rtmlib): `dets` / `labels`
 * outputs like RTMDet, but raw 0..255 BGR input (YOLOX has no normalisation) at `size`.
 */
function yoloxEnd2end(name: string, size: number): ModelSpec {
  const s = getModelPreset('rtmdet-nano');
  return { ...s, name, input: { ...s.input, width: size, height: size, mean: [0, 0, 0], std: [1, 1, 1] } };
}

function rtmdetEnd2end(name: string, size: number): ModelSpec {
  const s = getModelPreset('rtmdet-nano');
  return { ...s, name, input: { ...s.input, width: size, height: size } };
}

const list: ModelEntry[] = [
  {
    name: 'rtmpose-t',
    description: 'RTMPose-t body7 256x192 COCO-17 (SimCC), MMDeploy ONNX SDK zip',
    url: `${OPENMMLAB}/rtmpose-t_simcc-body7_pt-body7_420e-256x192-026a1439_20230504.zip`,
    sha256: '937003a70832d9cc34ea16927f504792f3133e92dda1b9c626236bbbe9e805cb',
    size: 12_547_710,
    archive: { format: 'zip', member: 'end2end.onnx', sha256: 'a6c2f6a3896a4d51131d14d7a80a3d08b50f559af5a58a45d5b098aef510a70f', size: 13_350_364 },
    spec: 'rtmpose-t',
    license: 'Apache-2.0',
    source: 'MMPose RTMPose README / rtmlib; archive and end2end.onnx sha256 as pinned by independent fetch scripts',
  },
  {
    name: 'rtmpose-s',
    description: 'RTMPose-s body7 256x192 COCO-17 (SimCC), MMDeploy ONNX SDK zip (rtmlib "lightweight")',
    url: `${OPENMMLAB}/rtmpose-s_simcc-body7_pt-body7_420e-256x192-acd4a1ef_20230504.zip`,
    archive: { format: 'zip', member: 'end2end.onnx' },
    spec: 'rtmpose-s',
    license: 'Apache-2.0',
    source: 'rtmlib rtmlib/tools/solution/body.py Body.MODE["lightweight"]',
  },
  {
    name: 'rtmpose-m',
    description: 'RTMPose-m body7 256x192 COCO-17 (SimCC), MMDeploy ONNX SDK zip (rtmlib "balanced")',
    url: `${OPENMMLAB}/rtmpose-m_simcc-body7_pt-body7_420e-256x192-e48f03d0_20230504.zip`,
    archive: { format: 'zip', member: 'end2end.onnx' },
    spec: 'rtmpose-m',
    license: 'Apache-2.0',
    source: 'rtmlib rtmlib/tools/solution/body.py Body.MODE["balanced"]',
  },
  {
    name: 'rtmpose-x-384x288',
    description: 'RTMPose-x body7 384x288 COCO-17 (SimCC), MMDeploy ONNX SDK zip (rtmlib "performance")',
    url: `${OPENMMLAB}/rtmpose-x_simcc-body7_pt-body7_700e-384x288-71d7b7e9_20230629.zip`,
    archive: { format: 'zip', member: 'end2end.onnx' },
    spec: 'rtmpose-384x288',
    license: 'Apache-2.0',
    source: 'rtmlib rtmlib/tools/solution/body.py Body.MODE["performance"]',
  },
  {
    name: 'rtmdet-nano-person',
    description: 'RTMDet-nano person detector 320x320 (NMS in graph), MMDeploy ONNX SDK zip',
    url: `${OPENMMLAB}/rtmdet_nano_8xb32-100e_coco-obj365-person-05d8511e.zip`,
    archive: { format: 'zip', member: 'end2end.onnx' },
    spec: rtmdetEnd2end('rtmdet-nano-person', 320),
    license: 'Apache-2.0',
    source: 'MMPose RTMPose README (RTMDet-nano person, ONNX SDK)',
  },
  {
    name: 'rtmdet-m-person',
    description: 'RTMDet-m person detector 640x640 (NMS in graph), MMDeploy ONNX SDK zip',
    url: `${OPENMMLAB}/rtmdet_m_8xb32-100e_coco-obj365-person-235e8209.zip`,
    archive: { format: 'zip', member: 'end2end.onnx' },
    spec: rtmdetEnd2end('rtmdet-m-person', 640),
    license: 'Apache-2.0',
    source: 'MMPose RTMPose README (RTMDet-m person, ONNX SDK)',
  },
  {
    name: 'yolox-tiny-humanart',
    description: 'YOLOX-tiny HumanArt person detector 416x416 (NMS in graph), MMDeploy ONNX SDK zip (rtmlib "lightweight")',
    url: `${OPENMMLAB}/yolox_tiny_8xb8-300e_humanart-6f3252f9.zip`,
    archive: { format: 'zip', member: 'end2end.onnx' },
    spec: yoloxEnd2end('yolox-tiny-humanart', 416),
    license: 'Apache-2.0',
    source: 'rtmlib rtmlib/tools/solution/body.py Body.MODE["lightweight"]',
  },
  {
    name: 'yolox-m-humanart',
    description: 'YOLOX-m HumanArt person detector 640x640 (NMS in graph), MMDeploy ONNX SDK zip (rtmlib "balanced")',
    url: `${OPENMMLAB}/yolox_m_8xb8-300e_humanart-c2c7a14a.zip`,
    archive: { format: 'zip', member: 'end2end.onnx' },
    spec: yoloxEnd2end('yolox-m-humanart', 640),
    license: 'Apache-2.0',
    source: 'rtmlib rtmlib/tools/solution/body.py Body.MODE["balanced"]',
  },
  {
    name: 'rtmdet-nano',
    description: 'RTMDet-nano person detector (MMDeploy end2end, dynamic input, run at 320x320): the test model of ../shared/models',
    url: 'https://raw.githubusercontent.com/HW140701/RTMPose-Deploy/174a7dd52ad367a55a1105445388dc16bbac7eee/Windows/OnnxRumtime-CPU/resource/model/rtmpose-cpu/rtmpose-ort/rtmdet-nano/end2end.onnx',
    sha256: 'b8585adb6d1352796f6e86337e09c3459b830645a7e7192d9381670bea2facbd',
    size: 4_012_393,
    spec: 'rtmdet-nano',
    license: 'Apache-2.0',
    source: 'shared/models/MODELS.md §4 (byte-identical to the upstream blob)',
  },
  {
    name: 'yolox-nano',
    description: 'YOLOX-nano COCO-80 416x416 raw head (box NMS outside the graph): the test model of ../shared/models',
    url: 'https://raw.githubusercontent.com/Kazuhito00/Image-Processing-Node-Editor/46979d5b8eacb181abe970e4dd18e8f4cf0e750b/node/deep_learning_node/object_detection/YOLOX/model/yolox_nano.onnx',
    sha256: '695e750a5d5754bb5a8d5325643b59282191a7e7a564e435a415fd3c578eab14',
    size: 3_660_092,
    spec: 'yolox-nano',
    license: 'Apache-2.0',
    source: 'shared/models/MODELS.md §3 (byte-identical to the upstream blob)',
  },
];

/** Every registry entry by name. */
export const modelRegistry: Readonly<Record<string, ModelEntry>> = Object.freeze(Object.fromEntries(list.map((e) => [e.name, e])));

/** Registry names, in listing order. */
export function listModels(): string[] {
  return list.map((e) => e.name);
}

/** The spec of an entry as a fresh, editable object. */
export function entrySpec(entry: ModelEntry): ModelSpec {
  return typeof entry.spec === 'string' ? getModelPreset(entry.spec) : (JSON.parse(JSON.stringify(entry.spec)) as ModelSpec);
}
