/**
 * Poses as an SVG string: skeleton lines, keypoint dots, person boxes and scores, optionally over the image.
 * A string works everywhere: write it to a file, return it from a notebook cell, set it as `innerHTML`.
 *
 * @module
 */
import { PosekitError } from '../errors.js';
import type { Box, Pose } from '../types.js';
import { getLayout } from '../layouts/index.js';

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

const DEFAULT_COLORS = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#bfef45', '#469990', '#9a6324'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function num(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

function edgesFor(layoutName: string | undefined, cache: Map<string, ReadonlyArray<readonly [number, number]>>): ReadonlyArray<readonly [number, number]> {
  if (layoutName === undefined) return [];
  const hit = cache.get(layoutName);
  if (hit) return hit;
  const edges = getLayout(layoutName).skeleton;
  cache.set(layoutName, edges);
  return edges;
}

function boxSvg(b: Box, color: string, lw: number, label: string | undefined, fontSize: number): string {
  const w = b.x2 - b.x1;
  const h = b.y2 - b.y1;
  let s = `<rect class="box" x="${num(b.x1)}" y="${num(b.y1)}" width="${num(w)}" height="${num(h)}" fill="none" stroke="${color}" stroke-width="${num(lw)}"/>`;
  if (label !== undefined) {
    s += `<text class="score" x="${num(b.x1 + lw)}" y="${num(b.y1 + fontSize)}" font-size="${num(fontSize)}" fill="${color}" font-family="sans-serif">${esc(label)}</text>`;
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
 * @throws PosekitError `E_RANGE` for a non-positive width/height, `E_UNKNOWN_LAYOUT` for an unknown layout name
 */
export function posesToSvg(poses: readonly Pose[], options: SvgOptions): string {
  const fn = 'posesToSvg';
  const { width, height } = options;
  if (!(Number.isFinite(width) && width > 0 && Number.isFinite(height) && height > 0)) {
    throw new PosekitError('E_RANGE', `${fn}: width and height must be positive numbers; received ${width}x${height}`, {
      expected: 'width > 0, height > 0',
      received: { width, height },
    });
  }
  if (!Array.isArray(poses)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: poses must be an array of Pose; received ${typeof poses}`, { expected: 'Pose[]', received: typeof poses });
  }
  const thr = options.keypointThreshold ?? 0.3;
  const r = options.radius ?? Math.max(2, 0.006 * Math.max(width, height));
  const lw = options.lineWidth ?? r * 0.6;
  const fontSize = Math.max(10, r * 4);
  const colors = options.colors && options.colors.length > 0 ? options.colors : DEFAULT_COLORS;
  const drawScores = options.drawScores ?? true;
  const drawBoxes = options.drawBoxes ?? true;
  const cache = new Map<string, ReadonlyArray<readonly [number, number]>>();
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}">`,
  );
  if (options.image !== undefined) {
    parts.push(`<image href="${esc(options.image)}" xlink:href="${esc(options.image)}" x="0" y="0" width="${num(width)}" height="${num(height)}" preserveAspectRatio="none"/>`);
  }
  if (drawBoxes && options.boxes) {
    for (const b of options.boxes) parts.push(boxSvg(b, '#ffffff', lw, drawScores && b.score !== undefined ? b.score.toFixed(2) : undefined, fontSize));
  }
  poses.forEach((pose, p) => {
    const color = colors[p % colors.length]!;
    const kp = pose.keypoints;
    const k = Math.floor(kp.length / 3);
    const edges = options.skeleton ?? edgesFor(options.layout ?? pose.layout, cache);
    parts.push(`<g class="pose" data-index="${p}" stroke="${color}" fill="${color}">`);
    if (drawBoxes && pose.box) parts.push(boxSvg(pose.box, color, lw, drawScores ? pose.score.toFixed(2) : undefined, fontSize));
    const visible = (i: number): boolean => i >= 0 && i < k && kp[3 * i + 2]! >= thr && Number.isFinite(kp[3 * i]!) && Number.isFinite(kp[3 * i + 1]!);
    for (const [a, b] of edges) {
      if (!visible(a) || !visible(b)) continue;
      parts.push(`<line x1="${num(kp[3 * a]!)}" y1="${num(kp[3 * a + 1]!)}" x2="${num(kp[3 * b]!)}" y2="${num(kp[3 * b + 1]!)}" stroke-width="${num(lw)}" stroke-linecap="round"/>`);
    }
    for (let i = 0; i < k; i++) {
      if (!visible(i)) continue;
      parts.push(`<circle cx="${num(kp[3 * i]!)}" cy="${num(kp[3 * i + 1]!)}" r="${num(r)}" stroke="none"><title>${i}: ${kp[3 * i + 2]!.toFixed(2)}</title></circle>`);
    }
    if (drawScores && !pose.box && k > 0) {
      // No box: label the score next to the first drawn keypoint.
      for (let i = 0; i < k; i++) {
        if (!visible(i)) continue;
        parts.push(`<text class="score" x="${num(kp[3 * i]! + r * 1.5)}" y="${num(kp[3 * i + 1]!)}" font-size="${num(fontSize)}" stroke="none" font-family="sans-serif">${pose.score.toFixed(2)}</text>`);
        break;
      }
    }
    parts.push('</g>');
  });
  parts.push('</svg>');
  return parts.join('');
}
