/**
 * What the e2e harness page exposes on `window.posekitHarness`, shared by the page and the Node driver.
 */

/** A pose as JSON. */
export interface PoseJson {
  keypoints: number[];
  score: number;
  box?: { x1: number; y1: number; x2: number; y2: number; score?: number };
}

/** One image's result as JSON. */
export interface ImageResultJson {
  image: string;
  width: number;
  height: number;
  poses: PoseJson[];
  boxes: { x1: number; y1: number; x2: number; y2: number; score?: number }[];
  timings: { preprocessMs: number; inferenceMs: number; postprocessMs: number; totalMs: number };
  /** RGBA pixels the page decoded, base64 (only when asked). */
  rgbaBase64?: string;
}

/** A provider attempt as JSON. */
export interface AttemptJson {
  provider: string;
  ok: boolean;
  reason?: string;
  adapter?: { vendor: string; architecture: string; isFallbackAdapter: boolean };
}

/** Result of one harness run. */
export interface RunJson {
  sessions: { detector?: { provider: string; attempts: AttemptJson[] }; pose: { provider: string; attempts: AttemptJson[] } };
  results: ImageResultJson[];
  createMs: number;
}

/** Arguments of `run`. */
export interface RunArgs {
  kind: 'top-down' | 'one-stage';
  device: 'auto' | 'webgpu' | 'wasm';
  images: string[];
  worker?: boolean;
  pixels?: boolean;
}

/** An error as the page saw it. */
export interface ErrorJson {
  name: string;
  code?: string;
  message: string;
}

/** The harness API. */
export interface HarnessApi {
  run(args: RunArgs): Promise<RunJson>;
  /** Each kind of failure the e2e test checks, with the error it produced (or null when nothing was thrown). */
  errors(): Promise<Record<string, ErrorJson | null>>;
  /** `createSession` on a small model with `device`, returning the attempts or the error. */
  session(device: 'auto' | 'webgpu' | 'wasm'): Promise<{ provider?: string; attempts?: AttemptJson[]; error?: ErrorJson }>;
  /**
   * Decode two PNG screenshots (base64) and count pixels near `color` in each, and pixels that differ between them
   * (sum of |dR|+|dG|+|dB| > 30).
   */
  overlayPixels(args: { withPoses: string; bare: string; color: [number, number, number] }): Promise<{ inOverlay: number; inBare: number; differ: number; size: string }>;
}
