/**
 * The layout registry: look up built-in layouts by name, list them, register your own.
 *
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import type { KeypointLayout } from './types.js';
import { AIC14, CROWDPOSE14, MPII16 } from './data/body.js';
import { COCO17, COCO_WHOLEBODY133 } from './data/coco.js';
import { HALPE136, HALPE26 } from './data/halpe.js';
import { FACE68, HAND21 } from './data/handface.js';
import { OPENPOSE_BODY25, OPENPOSE_COCO18 } from './data/openpose.js';

const BUILTIN: readonly KeypointLayout[] = [
  COCO17, COCO_WHOLEBODY133, HALPE26, HALPE136, MPII16, CROWDPOSE14, AIC14, OPENPOSE_COCO18, OPENPOSE_BODY25, HAND21, FACE68,
];

// Created on first use (not at import), so that importing the package has no side effects.
let registry: Map<string, KeypointLayout> | null = null;

function table(): Map<string, KeypointLayout> {
  if (registry === null) {
    registry = new Map();
    for (const l of BUILTIN) registry.set(l.name, l);
  }
  return registry;
}

/**
 * The layout registered under `name`.
 *
 * Built-in names: `coco17`, `coco_wholebody133`, `halpe26`, `halpe136`, `mpii16`, `crowdpose14`, `aic14`,
 * `openpose_coco18`, `openpose_body25`, `hand21`, `face68` (plus whatever {@link registerLayout} added).
 *
 * @param name - layout name (exact, case-sensitive)
 * @returns the frozen layout
 * @throws PosekitError `E_UNKNOWN_LAYOUT` naming the known layouts
 */
export function getLayout(name: string): KeypointLayout {
  const l = typeof name === 'string' ? table().get(name) : undefined;
  if (l === undefined) {
    const known = [...table().keys()];
    throw new PosekitError('E_UNKNOWN_LAYOUT', `getLayout: unknown keypoint layout ${describeValue(name)}; known layouts: ${known.join(', ')}`, {
      expected: known,
      received: name,
    });
  }
  return l;
}

/** Names of all registered layouts (built-ins first, then registered ones in registration order). */
export function listLayouts(): string[] {
  return [...table().keys()];
}

function fail(message: string, details: Record<string, unknown> = {}): never {
  throw new PosekitError('E_FIELD', `registerLayout: ${message}`, details);
}

/** A received value for a message: array-likes (typed arrays ...) with their kind and length. */
function describeList(v: unknown): string {
  const n = (v as { length?: unknown } | null | undefined)?.length;
  if (typeof v !== 'object' || v === null || typeof n !== 'number') return describeValue(v);
  const kind = (v as object).constructor?.name ?? 'object';
  return `${/^[AEIOU]/i.test(kind) ? 'an' : 'a'} ${kind} of length ${n}`;
}

/**
 * Check a layout's fields and return a frozen deep copy. Rules: `name` a non-empty string; `keypoints` 1+ unique
 * non-empty strings; `skeleton` pairs of integer indices in `[0, K)`; `flipIndices` a permutation of `0..K-1`;
 * `sigmas`, when present, K finite numbers > 0.
 *
 * @param layout - candidate layout (plain object)
 * @returns a frozen copy
 * @throws PosekitError `E_FIELD` naming the bad field, what was expected and what was received
 */
export function validateLayout(layout: KeypointLayout): KeypointLayout {
  if (typeof layout !== 'object' || layout === null) fail(`layout must be an object; received ${describeValue(layout)}`);
  const { name, keypoints, skeleton, flipIndices, sigmas } = layout;
  if (typeof name !== 'string' || name.length === 0) fail(`name must be a non-empty string; received ${describeValue(name)}`, { field: 'name' });
  if (!Array.isArray(keypoints) || keypoints.length === 0) {
    fail(`${name}: keypoints must be a non-empty array of names; received ${describeValue(keypoints)}`, { field: 'keypoints' });
  }
  const k = keypoints.length;
  const seen = new Set<string>();
  keypoints.forEach((n: unknown, i: number) => {
    if (typeof n !== 'string' || n.length === 0) fail(`${name}: keypoints[${i}] must be a non-empty string; received ${describeValue(n)}`, { field: 'keypoints', item: i });
    if (seen.has(n)) fail(`${name}: keypoint name ${JSON.stringify(n)} occurs twice (index ${i})`, { field: 'keypoints', item: i });
    seen.add(n);
  });
  const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < k;
  if (!Array.isArray(skeleton)) fail(`${name}: skeleton must be an array of [a, b] index pairs; received ${describeValue(skeleton)}`, { field: 'skeleton' });
  skeleton.forEach((p: unknown, i: number) => {
    if (!Array.isArray(p) || p.length !== 2 || !isIndex(p[0]) || !isIndex(p[1])) {
      fail(`${name}: skeleton[${i}] must be a pair of indices in [0, ${k}); received ${JSON.stringify(p)}`, { field: 'skeleton', item: i });
    }
  });
  if (!Array.isArray(flipIndices)) {
    fail(`${name}: flipIndices must be a plain array of ${k} indices (one per keypoint); received ${describeList(flipIndices)}`, { field: 'flipIndices', expected: k });
  }
  if (flipIndices.length !== k) {
    fail(`${name}: flipIndices must have ${k} entries (one per keypoint); received ${flipIndices.length}`, { field: 'flipIndices', expected: k, received: flipIndices.length });
  }
  const hit = new Uint8Array(k);
  flipIndices.forEach((v: unknown, i: number) => {
    if (!isIndex(v) || hit[v] === 1) fail(`${name}: flipIndices must be a permutation of 0..${k - 1}; entry ${i} is ${describeValue(v)}`, { field: 'flipIndices', item: i });
    hit[v] = 1;
  });
  if (sigmas !== undefined) {
    if (!Array.isArray(sigmas)) {
      fail(`${name}: sigmas must be a plain array of ${k} numbers (one per keypoint); received ${describeList(sigmas)}`, {
        field: 'sigmas',
        expected: `array of ${k} numbers`,
        received: describeValue(sigmas),
      });
    }
    if (sigmas.length !== k) {
      fail(`${name}: sigmas must have ${k} entries (one per keypoint); received ${sigmas.length}`, { field: 'sigmas', expected: k, received: sigmas.length });
    }
    sigmas.forEach((s: unknown, i: number) => {
      if (typeof s !== 'number' || !Number.isFinite(s) || s <= 0) fail(`${name}: sigmas[${i}] must be a finite number > 0; received ${describeValue(s)}`, { field: 'sigmas', item: i });
    });
  }
  const copy: KeypointLayout = {
    name,
    keypoints: Object.freeze(keypoints.slice()),
    skeleton: Object.freeze(skeleton.map((p) => Object.freeze([p[0], p[1]] as const))),
    flipIndices: Object.freeze(flipIndices.slice()),
    ...(sigmas !== undefined ? { sigmas: Object.freeze(sigmas.slice()) } : {}),
  };
  return Object.freeze(copy);
}

/**
 * Register a custom layout (validated by {@link validateLayout}, stored as a frozen copy) so that
 * {@link getLayout} and everything keyed by layout name finds it.
 *
 * @param layout - the layout
 * @param options - `replace: true` lets a registered custom layout of the same name be replaced (default false)
 * @returns the stored frozen copy
 * @throws PosekitError `E_FIELD` (invalid layout), `E_DUPLICATE_ID` (name taken, or a built-in name)
 */
export function registerLayout(layout: KeypointLayout, options: { replace?: boolean } = {}): KeypointLayout {
  const checked = validateLayout(layout);
  const t = table();
  const builtin = BUILTIN.some((b) => b.name === checked.name);
  if (t.has(checked.name) && (builtin || options.replace !== true)) {
    throw new PosekitError(
      'E_DUPLICATE_ID',
      `registerLayout: a layout named ${JSON.stringify(checked.name)} is already registered${builtin ? ' (built-in layouts cannot be replaced)' : '; pass { replace: true } to replace it'}`,
      { field: 'name', received: checked.name },
    );
  }
  t.set(checked.name, checked);
  return checked;
}
