/**
 * Poses as an SVG string: skeleton lines, keypoint dots, person boxes and scores, optionally over the image.
 * A string works everywhere: write it to a file, return it from a notebook cell, set it as `innerHTML`.
 *
 * @module
 */
import type { Box, Pose } from '../types.js';
import { getLayout } from '../layouts/index.js';
import { checkBool, checkOptionKeys } from '../option-keys.js';
import { checkNumber as checkPositive } from '../decode/internal.js';
import { checkFinite, isArrayLike } from '../affine/check.js';
import { checkNumber, fail } from '../nms/validate.js';

/** Options of {@link posesToSvg}. */
export interface SvgOptions {
  /** Canvas width in pixels (the image width; poses are in image pixels). */
  width: number;
  /** Canvas height in pixels. */
  height: number;
  /**
   * Keypoint layout name for the skeleton (default: each pose's `layout`, else none). Ignored when
   * `skeleton` is given.
   */
  layout?: string;
  /** Skeleton edges as 0-based keypoint index pairs (overrides the layout's). */
  skeleton?: ReadonlyArray<readonly [number, number]>;
  /** Background image: a data URL or any href (`file.jpg`, `https://...`), drawn under the poses. */
  image?: string;
  /** Keypoints with score `< keypointThreshold` are not drawn, nor edges touching them (default 0.3). */
  keypointThreshold?: number;
  /** Draw boxes (default true when a pose or `boxes` has one). */
  drawBoxes?: boolean;
  /** Print the instance score at the box corner (default true). */
  drawScores?: boolean;
  /** Extra boxes to draw (e.g. detector boxes without poses). */
  boxes?: readonly Box[];
  /** Dot radius in pixels (default: 0.6% of the larger image side, at least 2). */
  radius?: number;
  /** Line width in pixels (default: radius × 0.6). */
  lineWidth?: number;
  /** Colours cycled per person (CSS colours). */
  colors?: readonly string[];
}

const KEYS = ['width', 'height', 'layout', 'skeleton', 'image', 'keypointThreshold', 'drawBoxes', 'drawScores', 'boxes', 'radius', 'lineWidth', 'colors'];

const DEFAULT_COLORS = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#bfef45', '#469990', '#9a6324'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function num(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

/** The skeleton of a layout (a registry lookup), none without a layout. */
function edgesFor(layoutName: string | undefined): ReadonlyArray<readonly [number, number]> {
  return layoutName === undefined ? [] : getLayout(layoutName).skeleton;
}

/** A box (checked here: finite corners and, when labelled, a finite score) with its score label. */
function boxSvg(b: Box, color: string, lw: number, score: number | undefined, fontSize: number): string {
  for (const k of ['x1', 'y1', 'x2', 'y2'] as const) checkFinite('posesToSvg', `box.${k}`, b?.[k]);
  const w = b.x2 - b.x1;
  const h = b.y2 - b.y1;
  let s = `<rect class="box" x="${num(b.x1)}" y="${num(b.y1)}" width="${num(w)}" height="${num(h)}" fill="none" stroke="${color}" stroke-width="${num(lw)}"/>`;
  if (score !== undefined) {
    checkFinite('posesToSvg', 'box score', score);
    s += `<text class="score" x="${num(b.x1 + lw)}" y="${num(b.y1 + fontSize)}" font-size="${num(fontSize)}" fill="${color}" font-family="sans-serif">${score.toFixed(2)}</text>`;
  }
  return s;
}

/**
 * Draw poses as an SVG document string (`<svg ...>...</svg>`), in image pixel coordinates
 * (`viewBox="0 0 width height"`).
 *
 * @param poses - poses in image pixels (e.g. `EstimateResult.poses`)
 * @param options - canvas size, layout / skeleton, background image and styling
 * @returns the SVG markup
 * @throws PosekitError `E_RANGE` for a width / height that is not a positive number, or a radius / lineWidth /
 *   keypointThreshold that is not a finite number (radius and lineWidth >= 0); `E_UNKNOWN_LAYOUT` for an unknown
 *   layout name; `E_ARGUMENT` for options that are not an object, an unknown option name, a non-boolean drawBoxes /
 *   drawScores, or poses, boxes, skeleton, colors or image of the wrong kind; `E_NONFINITE` for a NaN / ±Infinity box
 *   corner
 */
export function posesToSvg(poses: readonly Pose[], options: SvgOptions): string {
  const fn = 'posesToSvg';
  checkOptionKeys(fn, options, KEYS);
  const o = options ?? ({} as SvgOptions);
  const { width, height } = o;
  // (`?? null`: a missing size is refused rather than defaulted)
  checkPositive(fn, 'width', width ?? null, 0, 0);
  checkPositive(fn, 'height', height ?? null, 0, 0);
  if (!Array.isArray(poses)) fail('E_ARGUMENT', fn, 'poses must be an array of Pose', poses);
  const thr = o.keypointThreshold === undefined ? 0.3 : checkNumber(fn, 'keypointThreshold', o.keypointThreshold);
  const r = o.radius === undefined ? Math.max(2, 0.006 * Math.max(width, height)) : checkNumber(fn, 'radius', o.radius, 0);
  const lw = o.lineWidth === undefined ? r * 0.6 : checkNumber(fn, 'lineWidth', o.lineWidth, 0);
  const fontSize = Math.max(10, r * 4);
  for (const k of ['colors', 'skeleton', 'boxes'] as const) if (o[k] !== undefined && !Array.isArray(o[k])) fail('E_ARGUMENT', fn, `${k} must be an array`, o[k]);
  if (o.image !== undefined && typeof o.image !== 'string') fail('E_ARGUMENT', fn, 'image must be a string', o.image);
  const colors = o.colors && o.colors.length > 0 ? o.colors : DEFAULT_COLORS;
  const drawScores = checkBool(fn, 'drawScores', o.drawScores, true);
  const drawBoxes = checkBool(fn, 'drawBoxes', o.drawBoxes, true);
  let out =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}">`;
  if (o.image !== undefined) {
    out += `<image href="${esc(o.image)}" xlink:href="${esc(o.image)}" x="0" y="0" width="${num(width)}" height="${num(height)}" preserveAspectRatio="none"/>`;
  }
  if (drawBoxes && o.boxes) {
    for (const b of o.boxes) out += boxSvg(b, '#ffffff', lw, drawScores ? b?.score : undefined, fontSize);
  }
  poses.forEach((pose, p) => {
    if (!isArrayLike(pose?.keypoints)) fail('E_ARGUMENT', fn, `poses[${p}].keypoints must be an array`, pose);
    checkFinite(fn, `poses[${p}].score`, pose.score);
    const color = esc(`${colors[p % colors.length]}`);
    const kp = pose.keypoints;
    const k = Math.floor(kp.length / 3);
    const edges = o.skeleton ?? edgesFor(o.layout ?? pose.layout);
    out += `<g class="pose" data-index="${p}" stroke="${color}" fill="${color}">`;
    if (drawBoxes && pose.box) out += boxSvg(pose.box, color, lw, drawScores ? pose.score : undefined, fontSize);
    const visible = (i: number): boolean => i >= 0 && i < k && kp[3 * i + 2]! >= thr && Number.isFinite(kp[3 * i]!) && Number.isFinite(kp[3 * i + 1]!);
    for (const e of edges) {
      const [a, b] = Array.isArray(e) ? e : fail('E_ARGUMENT', fn, 'skeleton must hold [a, b] pairs', e);
      if (!visible(a) || !visible(b)) continue;
      out += `<line x1="${num(kp[3 * a]!)}" y1="${num(kp[3 * a + 1]!)}" x2="${num(kp[3 * b]!)}" y2="${num(kp[3 * b + 1]!)}" stroke-width="${num(lw)}" stroke-linecap="round"/>`;
    }
    for (let i = 0; i < k; i++) {
      if (!visible(i)) continue;
      out += `<circle cx="${num(kp[3 * i]!)}" cy="${num(kp[3 * i + 1]!)}" r="${num(r)}" stroke="none"><title>${i}: ${kp[3 * i + 2]!.toFixed(2)}</title></circle>`;
    }
    if (drawScores && !pose.box && k > 0) {
      // No box: label the score next to the first drawn keypoint.
      for (let i = 0; i < k; i++) {
        if (!visible(i)) continue;
        out += `<text class="score" x="${num(kp[3 * i]! + r * 1.5)}" y="${num(kp[3 * i + 1]!)}" font-size="${num(fontSize)}" stroke="none" font-family="sans-serif">${pose.score.toFixed(2)}</text>`;
        break;
      }
    }
    out += '</g>';
  });
  return out + '</svg>';
}
