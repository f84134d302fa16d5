/**
 * `ModelSpec`: a model's input/output conventions as plain data (what to feed it, how to crop, how to read
 * its outputs). Estimators take a spec next to a session; presets for the supported families live in
 * `presets.ts`, and users write their own by hand or by spreading a preset.
 *
 * @module
 */

/** Channel order of a model input (or of an image). */
export type ModelColorOrder = 'rgb' | 'bgr';

/**
 * How a model input tensor is filled: `NCHW` float32 of `height x width`, channels in `colorOrder`, each
 * value `(pixel - mean[c]) / std[c]` with pixels in 0..255 and `mean` / `std` given **in the model's channel
 * order** (so BGR models list the blue mean first). Plain scaling is `mean 0, std 255` (`pixel / 255`), raw
 * pixels are `mean 0, std 1`.
 */
export interface ModelInputSpec {
  /** Input name in the ONNX graph. */
  name: string;
  /** Input width in pixels (the W of `[N, 3, H, W]`). */
  width: number;
  /** Input height in pixels (the H of `[N, 3, H, W]`). */
  height: number;
  /** Tensor layout; only `NCHW` is supported. */
  layout: 'NCHW';
  /** Channel order the model expects. */
  colorOrder: ModelColorOrder;
  /** Per-channel mean in 0..255 units, model channel order. */
  mean: readonly [number, number, number];
  /** Per-channel std in 0..255 units, model channel order (all > 0). */
  std: readonly [number, number, number];
  /**
   * Whether the batch dimension is dynamic. `true`: a top-down estimator runs all crops of a frame in one
   * `session.run`; `false`: one run per crop. `undefined`: read from the session's input metadata when the
   * runtime provides it, else `false`.
   */
  dynamicBatch?: boolean;
}

/**
 * How an image (or a person box) becomes the model input.
 *
 * - `affine`: MMPose `TopdownAffine`: box -> centre/scale (`bbox_xyxy2cs`, × `padding`), aspect fixed to the
 *   input's `width / height` (`_fix_aspect_ratio`, when `fixAspectRatio`), warped by `get_warp_matrix`;
 *   pixels outside the image get `borderValue` (0 like `cv2.warpAffine`'s default).
 * - `letterbox`: keep-ratio resize by `r = min(W / w, H / h)`, placed at the centre (Ultralytics) or the top-left
 *   (YOLOX, MMDet `Resize(keep_ratio) + Pad`), the rest filled with `padValue`; `rounding` says how the resized
 *   size is rounded (see {@link LetterboxRounding}).
 * - `stretch`: resize to the input size without keeping the aspect ratio.
 */
export type CropSpec = AffineCropSpec | LetterboxCropSpec | StretchCropSpec;

/** Top-down person crop by an affine warp (MMPose `TopdownAffine`): box -> centre/scale -> warp to the input size. */
export interface AffineCropSpec {
  /** Discriminant. */
  mode: 'affine';
  /** Box enlargement factor (MMPose `bbox_xyxy2cs(padding)`; 1.25 for COCO top-down models). */
  padding: number;
  /** Whether the box is first grown to the input aspect ratio (MMPose `_fix_aspect_ratio`; true for top-down models). */
  fixAspectRatio: boolean;
  /** Value of pixels outside the image, 0..255 (OpenCV `BORDER_CONSTANT`). Default 0. */
  borderValue?: number;
}

/** Keep-ratio resize of the whole image into the input, padded (YOLO: centred; YOLOX / RTMDet: top-left). */
export interface LetterboxCropSpec {
  /** Discriminant. */
  mode: 'letterbox';
  /** Where the resized image sits: `'center'` (Ultralytics) or `'topleft'` (YOLOX, MMDet: padding bottom/right). */
  align: 'center' | 'topleft';
  /** Pad value, 0..255 (114 for Ultralytics / YOLOX / MMDet exports). */
  padValue: number;
  /** How the resized size is rounded; default by `align` (see {@link LetterboxRounding}). */
  rounding?: LetterboxRounding;
}

/** Resize the whole image (or person box) to the input size without keeping its aspect ratio. */
export interface StretchCropSpec {
  /** Discriminant. */
  mode: 'stretch';
}

/**
 * How a letterbox rounds the resized size: `'half-even'` (Ultralytics, Python `round`; default for `center`),
 * `'floor'` (YOLOX `int(src · r)`; default for `topleft`), `'half-up'` (mmcv `rescale_size`, MMDet models).
 */
export type LetterboxRounding = 'half-even' | 'floor' | 'half-up';

/** How heatmaps are decoded (MMPose codecs): `msra` argmax + quarter offset, `dark` (unbiased), `udp`. */
export type HeatmapDecoder = 'msra' | 'dark' | 'udp';

/**
 * What a model outputs and how to read it.
 *
 * - `heatmap`: `[N, K, H/stride, W/stride]` per-keypoint heatmaps (SimpleBaseline, HRNet, ViTPose ...).
 * - `simcc`: `[N, K, W·split]` and `[N, K, H·split]` 1-D classification vectors (RTMPose).
 * - `yolo-pose`: `[1, 4 + 1 + 3K, A]` channel-major rows `cx, cy, w, h, score, (x, y, v) × K` in input pixels.
 * - `paf`: OpenPose: keypoint heatmaps `[1, P + 1, h, w]` (last channel background) and part affinity fields
 *   `[1, 2L, h, w]` at `stride`.
 * - `body-parts`: Simple Pose (Improved-Body-Parts): one tensor `[1, C, h, w]` holding `limbs` limb maps then
 *   `parts` keypoint maps (then any background channels) at `stride`.
 * - `detector-end2end`: MMDeploy detectors with NMS in the graph: `dets [N, D, 5]` (x1, y1, x2, y2, score in
 *   input pixels) and `labels [N, D]`.
 * - `detector-yolox`: YOLOX raw head `[1, A, 5 + C]` (`tx, ty, tw, th, obj, cls...`) over a grid of `strides`;
 *   decoded and box-NMSed outside the graph.
 */
export type OutputSpec =
  | HeatmapOutputSpec
  | SimccOutputSpec
  | YoloPoseOutputSpec
  | PafOutputSpec
  | BodyPartsOutputSpec
  | End2EndDetectorOutputSpec
  | YoloxDetectorOutputSpec;

/** Per-keypoint heatmaps `[N, K, H/stride, W/stride]` (SimpleBaseline, HRNet, ViTPose ...). */
export interface HeatmapOutputSpec {
  /** Discriminant. */
  kind: 'heatmap';
  /** Output name in the ONNX graph. */
  name: string;
  /** Decoder (MMPose codec) applied to the heatmaps. */
  decoder: HeatmapDecoder;
  /** Gaussian blur kernel size of DARK / UDP refinement (odd, cells). Default 11 (MMPose `blur_kernel_size`). */
  blurKernelSize?: number;
}

/** SimCC 1-D classification vectors (RTMPose): `[N, K, W·split]` and `[N, K, H·split]`. */
export interface SimccOutputSpec {
  /** Discriminant. */
  kind: 'simcc';
  /** Name of the x vectors output (`simcc_x`). */
  xName: string;
  /** Name of the y vectors output (`simcc_y`). */
  yName: string;
  /** Bins per input pixel (MMPose `simcc_split_ratio`; 2.0 for RTMPose). */
  splitRatio: number;
}

/** One-stage YOLO-pose rows `[1, 4 + 1 + 3K, A]` (channel-major) in input pixels. */
export interface YoloPoseOutputSpec {
  /** Discriminant. */
  kind: 'yolo-pose';
  /** Output name (`output0` for Ultralytics exports). */
  name: string;
}

/** OpenPose: keypoint heatmaps `[1, P + 1, h, w]` (last channel background) and PAFs `[1, 2L, h, w]`. */
export interface PafOutputSpec {
  /** Discriminant. */
  kind: 'paf';
  /** Name of the heatmaps output. */
  heatmapName: string;
  /** Name of the part-affinity-fields output. */
  pafName: string;
  /** Network stride: input pixels per map cell (8 for OpenPose). */
  stride: number;
}

/** Simple Pose (Improved-Body-Parts): one tensor `[1, C, h, w]` of `limbs` limb maps then `parts` keypoint maps. */
export interface BodyPartsOutputSpec {
  /** Discriminant. */
  kind: 'body-parts';
  /** Output name. */
  name: string;
  /** Network stride: input pixels per map cell (4 for Improved-Body-Parts). */
  stride: number;
  /** Number of limb (body-part) maps, first in the channel order (30 for IBP). */
  limbs: number;
  /** Number of keypoint maps, after the limb maps (18 for IBP). */
  parts: number;
}

/** MMDeploy end-to-end detector (NMS in the graph): `dets [N, D, 5]` (x1, y1, x2, y2, score) and `labels [N, D]`. */
export interface End2EndDetectorOutputSpec {
  /** Discriminant. */
  kind: 'detector-end2end';
  /** Name of the boxes output (`dets`). */
  detsName: string;
  /** Name of the labels output (`labels`). */
  labelsName: string;
}

/** YOLOX raw head `[1, A, 5 + C]` (`tx, ty, tw, th, obj, cls...`), decoded and box-NMSed outside the graph. */
export interface YoloxDetectorOutputSpec {
  /** Discriminant. */
  kind: 'detector-yolox';
  /** Output name (`output`). */
  name: string;
  /** Grid strides, in the order the head concatenates them (8, 16, 32). */
  strides: readonly number[];
  /** Number of classes (80 for COCO). */
  numClasses: number;
}

/** Thresholds an estimator uses unless the caller overrides them. */
export interface ThresholdSpec {
  /** Minimum detection / instance score kept (detectors, one-stage models). */
  score?: number;
  /** IoU above which box NMS suppresses a box (`boxNms`), for models without NMS in the graph. */
  nmsIou?: number;
  /** Box-NMS area convention: `0` continuous (Ultralytics, YOLOX), `1` MMPose/mmcv `+1` pixel areas. */
  nmsOffset?: 0 | 1;
  /** Class id kept by a multi-class detector (COCO person = 0). */
  personClass?: number;
}

/** A model's I/O conventions as data. See the presets in `presets.ts` (`modelPresets`). */
export interface ModelSpec {
  /** Short identifier, e.g. `'rtmdet-nano'`. */
  name: string;
  /** The single image input. */
  input: ModelInputSpec;
  /** How the input image or person box is turned into the input tensor. */
  crop: CropSpec;
  /** What the outputs are. */
  output: OutputSpec;
  /** Keypoint layout name (`'coco17'`, `'openpose_coco18'` ...) for pose models; absent for detectors. */
  keypointLayout?: string;
  /** Default thresholds. */
  thresholds?: ThresholdSpec;
}

/** Names of the outputs a spec reads, in a stable order. */
export function specOutputNames(spec: ModelSpec): string[] {
  const o = spec.output;
  switch (o.kind) {
    case 'heatmap':
    case 'yolo-pose':
    case 'body-parts':
    case 'detector-yolox':
      return [o.name];
    case 'simcc':
      return [o.xName, o.yName];
    case 'paf':
      return [o.heatmapName, o.pafName];
    case 'detector-end2end':
      return [o.detsName, o.labelsName];
  }
}
