/**
 * A self-contained SVG plot of COCO keypoint precision-recall curves (no fonts, scripts or external
 * references), for reports, notebooks and the browser.
 *
 * @module
 */
import { PosekitError, describeValue } from '@posekit/core';
import type { CocoKeypointsEvaluation } from '../coco/evaluator.js';
import { PR_CURVES_OPTION_KEYS, prCurves, type PrCurve, type PrCurveSet, type PrCurvesOptions } from '../coco/curves.js';
import { boolOption, checkOptions, enumOption, stringOption } from '../options.js';

/** Options of {@link prCurveSvg}. */
export interface PrCurveSvgOptions extends PrCurvesOptions {
  /** Width in px (default 520). */
  width?: number;
  /** Height in px (default 400). */
  height?: number;
  /** Which curves: one per OKS threshold, only the mean, or both (default 'both'). */
  curves?: 'thresholds' | 'mean' | 'both';
  /** Title (default `Precision-recall (area=all, maxDets=20)`). */
  title?: string;
  /** Show AP values in the legend (default true). */
  showAp?: boolean;
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const OPTION_KEYS: readonly string[] = [...PR_CURVES_OPTION_KEYS, 'width', 'height', 'curves', 'title', 'showAp'];

/** Whether `v` looks like a {@link PrCurveSet} (rather than an evaluation). */
function isCurveSet(v: object): boolean {
  return 'curves' in v && 'mean' in v && 'recall' in v;
}

/** Check a hand-made {@link PrCurveSet}: recall points and every curve of the same, non-zero length. */
function checkCurveSet(fn: string, set: PrCurveSet): void {
  const bad = (what: string, expected: string, v: unknown, code: 'E_ARGUMENT' | 'E_SHAPE' | 'E_EMPTY' = 'E_ARGUMENT'): never => {
    throw new PosekitError(code, `${fn}: ${what} must be ${expected}; received ${describeValue(v)}`, { field: what, expected, received: describeValue(v) });
  };
  const rec = set.recall;
  if (!Array.isArray(rec)) bad('curves.recall', 'an array of recall thresholds', rec);
  if (rec.length === 0) bad('curves.recall', 'non-empty (nothing to plot)', rec, 'E_EMPTY');
  if (!rec.every((r) => typeof r === 'number' && Number.isFinite(r))) bad('curves.recall', 'finite numbers', rec);
  if (!Array.isArray(set.curves)) bad('curves.curves', 'an array of {label, precision, ap}', set.curves);
  const check = (c: PrCurve, what: string): void => {
    if (typeof c !== 'object' || c === null) bad(what, 'an object {label, precision, ap}', c);
    if (typeof c.label !== 'string') bad(`${what}.label`, 'a string', c.label);
    if (typeof c.ap !== 'number') bad(`${what}.ap`, 'a number', c.ap);
    if (!Array.isArray(c.precision) || !c.precision.every((p) => typeof p === 'number' && !(p === Infinity || p === -Infinity))) {
      bad(`${what}.precision`, 'an array of numbers (NaN where there is no data)', c.precision);
    }
    if (c.precision.length !== rec.length) bad(`${what}.precision`, `one value per recall threshold (${rec.length})`, c.precision, 'E_SHAPE');
  };
  set.curves.forEach((c, i) => check(c, `curves.curves[${i}]`));
  check(set.mean, 'curves.mean');
}

function fmt(x: number): string {
  return (Math.round(x * 100) / 100).toString();
}

/**
 * Render precision-recall curves as an SVG string: axes with ticks, one polyline per OKS threshold and/or
 * the mean over thresholds, and a legend with each curve's AP.
 *
 * @param source - a finished evaluation, or curves from {@link prCurves}
 * @param options - size, which curves, title, and the {@link prCurves} selection (area, maxDets, category)
 * @returns a standalone `<svg>` document (UTF-8 text)
 * @throws PosekitError E_RANGE for a non-positive size; errors of {@link prCurves}
 * @throws PosekitError E_ARGUMENT when `source` is neither an evaluation nor a curve set, `options` is not an
 *   object or names an unknown option, `curves` is not 'thresholds' / 'mean' / 'both', `showAp` not a
 *   boolean or `title` not a string; E_EMPTY / E_SHAPE for a curve set without recall points or with
 *   curves of another length
 */
export function prCurveSvg(source: CocoKeypointsEvaluation | PrCurveSet, options: PrCurveSvgOptions = {}): string {
  const fn = 'prCurveSvg';
  const opts = checkOptions(fn, options, OPTION_KEYS) as PrCurveSvgOptions;
  if (typeof source !== 'object' || source === null) {
    throw new PosekitError('E_ARGUMENT', `${fn}: source must be an evaluation or a PrCurveSet from prCurves; received ${describeValue(source)}`, { received: describeValue(source) });
  }
  const which = enumOption(fn, 'options.curves', opts.curves, ['thresholds', 'mean', 'both'] as const, 'both');
  const showAp = boolOption(fn, 'options.showAp', opts.showAp, true);
  const titleOpt = stringOption(fn, 'options.title', opts.title);
  let set: PrCurveSet;
  if (isCurveSet(source)) {
    set = source as PrCurveSet;
    checkCurveSet(fn, set);
  } else {
    const { areaLabel, maxDets, categoryId } = opts;
    set = prCurves(source as CocoKeypointsEvaluation, { ...(areaLabel !== undefined ? { areaLabel } : {}), ...(maxDets !== undefined ? { maxDets } : {}), ...(categoryId !== undefined ? { categoryId } : {}) });
  }
  const W = opts.width ?? 520;
  const H = opts.height ?? 400;
  if (!(typeof W === 'number' && typeof H === 'number' && W > 0 && H > 0 && Number.isFinite(W) && Number.isFinite(H))) {
    throw new PosekitError('E_RANGE', `prCurveSvg: width and height must be positive numbers; received ${describeValue(W)} x ${describeValue(H)}`, {});
  }
  const title = titleOpt ?? `Precision-recall (area=${set.areaLabel}, maxDets=${set.maxDets})`;
  const ml = 56;
  const mr = 150;
  const mt = 34;
  const mb = 48;
  const pw = Math.max(10, W - ml - mr);
  const ph = Math.max(10, H - mt - mb);
  const X = (r: number): number => ml + r * pw;
  const Y = (p: number): number => mt + (1 - p) * ph;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`);
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${fmt(ml + pw / 2)}" y="20" text-anchor="middle" font-size="13">${esc(title)}</text>`);
  // Grid, ticks and labels.
  for (let i = 0; i <= 5; i++) {
    const v = i / 5;
    out.push(`<line x1="${fmt(X(v))}" y1="${fmt(mt)}" x2="${fmt(X(v))}" y2="${fmt(mt + ph)}" stroke="#e5e5e5"/>`);
    out.push(`<line x1="${fmt(ml)}" y1="${fmt(Y(v))}" x2="${fmt(ml + pw)}" y2="${fmt(Y(v))}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${fmt(X(v))}" y="${fmt(mt + ph + 15)}" text-anchor="middle">${v.toFixed(1)}</text>`);
    out.push(`<text x="${fmt(ml - 6)}" y="${fmt(Y(v) + 4)}" text-anchor="end">${v.toFixed(1)}</text>`);
  }
  out.push(`<rect x="${fmt(ml)}" y="${fmt(mt)}" width="${fmt(pw)}" height="${fmt(ph)}" fill="none" stroke="#333333"/>`);
  out.push(`<text x="${fmt(ml + pw / 2)}" y="${fmt(H - 10)}" text-anchor="middle">Recall</text>`);
  out.push(`<text x="14" y="${fmt(mt + ph / 2)}" text-anchor="middle" transform="rotate(-90 14 ${fmt(mt + ph / 2)})">Precision</text>`);
  const series: { label: string; precision: number[]; ap: number; color: string; width: number }[] = [];
  if (which !== 'mean') set.curves.forEach((c, i) => series.push({ label: c.label, precision: c.precision, ap: c.ap, color: PALETTE[i % PALETTE.length]!, width: 1.2 }));
  if (which !== 'thresholds') series.push({ label: 'mean (AP)', precision: set.mean.precision, ap: set.mean.ap, color: '#000000', width: 2.4 });
  series.forEach((s, i) => {
    // Break the line where a recall threshold has no data (NaN).
    const parts: string[][] = [[]];
    s.precision.forEach((p, r) => {
      if (Number.isNaN(p)) {
        if (parts[parts.length - 1]!.length > 0) parts.push([]);
      } else parts[parts.length - 1]!.push(`${fmt(X(set.recall[r]!))},${fmt(Y(p))}`);
    });
    for (const pts of parts) {
      if (pts.length > 0) out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="${s.width}" points="${pts.join(' ')}"/>`);
    }
    const ly = mt + 8 + i * 16;
    out.push(`<line x1="${fmt(ml + pw + 12)}" y1="${fmt(ly)}" x2="${fmt(ml + pw + 32)}" y2="${fmt(ly)}" stroke="${s.color}" stroke-width="${s.width}"/>`);
    const ap = showAp ? ` ${s.ap < 0 ? 'n/a' : s.ap.toFixed(3)}` : '';
    out.push(`<text x="${fmt(ml + pw + 36)}" y="${fmt(ly + 4)}">${esc(s.label + ap)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
