/**
 * SVG line plot of PCK-versus-threshold curves (one or several series). Plain strings: no DOM, works in
 * Node, browsers and notebooks.
 *
 * @module
 */
import { PosekitError, describeValue } from '@posekit/core';
import type { PckCurve } from './curve.js';
import { checkOptions, stringOption, isNumberList } from '../options.js';

/** One line of a plot. */
export interface PlotSeries {
  /** Legend label. */
  label: string;
  /** x values (thresholds). */
  x: ArrayLike<number>;
  /** y values in [0, 1] (PCK); points with y < 0 (−1 = no valid instance) are skipped. */
  y: ArrayLike<number>;
}

/** Options of {@link pckCurveSvg}. */
export interface PckCurveSvgOptions {
  /** Width in px. Default 480. */
  width?: number;
  /** Height in px. Default 320. */
  height?: number;
  /** Title. Default `"PCK vs threshold"`. */
  title?: string;
  /** x-axis label. Default from the curve's normaliser (`"threshold (× bbox size)"`, …). */
  xLabel?: string;
  /** y-axis label. Default `"PCK"`. */
  yLabel?: string;
  /** Keypoint names: with a {@link PckCurve}, also draw one thin line per keypoint. Default: mean only. */
  keypointNames?: readonly string[];
}

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmt(v: number): string {
  return (Math.round(v * 100) / 100).toString();
}

function seriesOf(input: PckCurve | readonly PlotSeries[], names: readonly string[] | undefined): PlotSeries[] {
  const fn = 'pckCurveSvg';
  if (Array.isArray(input)) {
    input.forEach((s: unknown, i) => {
      if (typeof s !== 'object' || s === null || typeof (s as PlotSeries).label !== 'string' || !isNumberList((s as PlotSeries).x) || !isNumberList((s as PlotSeries).y)) {
        throw new PosekitError('E_ARGUMENT', `${fn}: series ${i} must be {label: string, x: number[], y: number[]}; received ${describeValue(s)}`, { item: i, received: describeValue(s) });
      }
    });
    if (names !== undefined) throw new PosekitError('E_ARGUMENT', `${fn}: keypointNames applies to a PckCurve, not to a list of series`, { field: 'keypointNames' });
    return input as PlotSeries[];
  }
  const c = input as PckCurve;
  if (typeof c !== 'object' || c === null || !(c.thresholds instanceof Float64Array) || !(c.mean instanceof Float64Array)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: expected a PckCurve or an array of {label, x, y}; received ${describeValue(input)}`);
  }
  const out: PlotSeries[] = [{ label: 'mean', x: c.thresholds, y: c.mean }];
  if (names !== undefined) {
    if (!Array.isArray(names) || !names.every((nm) => typeof nm === 'string')) {
      throw new PosekitError('E_ARGUMENT', `${fn}: keypointNames must be an array of strings; received ${describeValue(names)}`, { field: 'keypointNames', received: describeValue(names) });
    }
    if (names.length !== c.k) {
      throw new PosekitError('E_SHAPE', `pckCurveSvg: keypointNames must have K = ${c.k} names; received ${names.length}`, { expected: c.k, received: names.length });
    }
    const T = c.thresholds.length;
    if (!(c.perKeypoint instanceof Float64Array) || c.perKeypoint.length !== T * c.k) {
      throw new PosekitError('E_SHAPE', `${fn}: curve.perKeypoint must be a Float64Array of T·K = ${T}·${c.k} values; received ${describeValue(c.perKeypoint)}`, {
        field: 'perKeypoint',
        expected: T * c.k,
        received: describeValue(c.perKeypoint),
      });
    }
    for (let j = 0; j < c.k; j++) {
      const y = new Float64Array(T);
      for (let t = 0; t < T; t++) y[t] = c.perKeypoint[t * c.k + j]!;
      out.push({ label: names[j]!, x: c.thresholds, y });
    }
  }
  return out;
}

/**
 * Render PCK-versus-threshold curves as a standalone SVG document (string). Pass a {@link PckCurve}
 * (from {@link pckCurve}; optionally with `keypointNames` for per-keypoint lines) or your own series
 * (e.g. several models, or a PDJ curve with x = fractions).
 *
 * @example
 * ```ts
 * const svg = pckCurveSvg(pckCurve(data, { normItem: 'bbox' }), { title: 'PCK (bbox)' });
 * writeFileSync('pck.svg', svg);
 * ```
 * @param input - a curve or series
 * @param options - size, labels
 * @returns SVG markup (`<svg xmlns=...>...</svg>`)
 * @throws PosekitError E_EMPTY for no series / points, E_SHAPE when x and y lengths differ,
 *   E_NONFINITE for non-finite x, E_RANGE for a non-positive size
 * @throws PosekitError E_NONFINITE for a NaN / infinite y (negative y, e.g. −1, marks a skipped point),
 *   E_RANGE for a non-finite size, E_SHAPE for a curve whose perKeypoint does not hold T·K values
 * @throws PosekitError E_ARGUMENT when `input` is neither a curve nor a list of {label, x, y}, `options` is
 *   not an object or names an unknown option, a label / title is not a string, or `keypointNames` is not an
 *   array of strings
 */
export function pckCurveSvg(input: PckCurve | readonly PlotSeries[], options: PckCurveSvgOptions = {}): string {
  const fn = 'pckCurveSvg';
  const opts = checkOptions(fn, options, ['width', 'height', 'title', 'xLabel', 'yLabel', 'keypointNames']) as PckCurveSvgOptions;
  const title = stringOption(fn, 'options.title', opts.title, 'PCK vs threshold');
  const xLabelOpt = stringOption(fn, 'options.xLabel', opts.xLabel);
  const yLabel = stringOption(fn, 'options.yLabel', opts.yLabel, 'PCK');
  const series = seriesOf(input, opts.keypointNames);
  if (series.length === 0) throw new PosekitError('E_EMPTY', `${fn}: nothing to plot (0 series)`);
  const width = opts.width ?? 480;
  const height = opts.height ?? 320;
  if (typeof width !== 'number' || typeof height !== 'number' || !(width > 0) || !(height > 0) || !Number.isFinite(width) || !Number.isFinite(height)) {
    throw new PosekitError('E_RANGE', `${fn}: width and height must be finite numbers > 0; received ${describeValue(width)} x ${describeValue(height)}`);
  }
  let xmin = Infinity;
  let xmax = -Infinity;
  for (const s of series) {
    if (s.x.length !== s.y.length) {
      throw new PosekitError('E_SHAPE', `${fn}: series "${s.label}" has ${s.x.length} x values but ${s.y.length} y values`, {
        expected: s.x.length,
        received: s.y.length,
      });
    }
    for (let i = 0; i < s.x.length; i++) {
      const x = s.x[i]!;
      const y = s.y[i]!;
      if (typeof x !== 'number' || typeof y !== 'number') {
        throw new PosekitError('E_ARGUMENT', `${fn}: series "${s.label}" point ${i} must be two numbers; received (${describeValue(x)}, ${describeValue(y)})`, { item: i });
      }
      if (!Number.isFinite(x) || !Number.isFinite(y)) throw new PosekitError('E_NONFINITE', `${fn}: series "${s.label}" point ${i} is (${x}, ${y})`, { item: i });
      if (x < xmin) xmin = x;
      if (x > xmax) xmax = x;
    }
  }
  if (!(xmax >= xmin)) throw new PosekitError('E_EMPTY', `${fn}: the series have no points`);
  if (xmax === xmin) xmax = xmin + 1;
  const m = { left: 48, right: 12 + (series.length > 1 ? 110 : 0), top: 28, bottom: 40 };
  const pw = Math.max(10, width - m.left - m.right);
  const ph = Math.max(10, height - m.top - m.bottom);
  const sx = (x: number): number => m.left + ((x - xmin) / (xmax - xmin)) * pw;
  const sy = (y: number): number => m.top + (1 - y) * ph;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`);
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="white"/>`);
  parts.push(`<text x="${width / 2}" y="16" text-anchor="middle" font-size="13">${esc(title)}</text>`);
  // grid + ticks
  for (let i = 0; i <= 5; i++) {
    const y = i / 5;
    const py = fmt(sy(y));
    parts.push(`<line x1="${m.left}" y1="${py}" x2="${m.left + pw}" y2="${py}" stroke="#ddd"/>`);
    parts.push(`<text x="${m.left - 4}" y="${py}" text-anchor="end" dominant-baseline="middle">${y.toFixed(1)}</text>`);
    const x = xmin + ((xmax - xmin) * i) / 5;
    const px = fmt(sx(x));
    parts.push(`<line x1="${px}" y1="${m.top}" x2="${px}" y2="${m.top + ph}" stroke="#eee"/>`);
    parts.push(`<text x="${px}" y="${m.top + ph + 14}" text-anchor="middle">${Number(x.toPrecision(3))}</text>`);
  }
  parts.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  const normItem = Array.isArray(input) ? undefined : (input as PckCurve).normItem;
  const xLabel = xLabelOpt ?? (normItem === undefined ? 'threshold' : normItem === 'pixels' ? 'threshold (px)' : `threshold (× ${normItem} size)`);
  parts.push(`<text x="${m.left + pw / 2}" y="${height - 6}" text-anchor="middle">${esc(xLabel)}</text>`);
  parts.push(`<text x="12" y="${m.top + ph / 2}" text-anchor="middle" transform="rotate(-90 12 ${m.top + ph / 2})">${esc(yLabel)}</text>`);
  // Lines are drawn last-to-first so that the first series (the mean) ends up on top; the legend keeps the order.
  for (let si = series.length - 1; si >= 0; si--) {
    const s = series[si]!;
    const color = COLORS[si % COLORS.length]!;
    const pts: string[] = [];
    for (let i = 0; i < s.x.length; i++) if (s.y[i]! >= 0) pts.push(`${fmt(sx(s.x[i]!))},${fmt(sy(Math.min(1, s.y[i]!)))}`);
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="${si === 0 ? 2.5 : 1}" points="${pts.join(' ')}"><title>${esc(s.label)}</title></polyline>`);
  }
  if (series.length > 1) {
    series.forEach((s, si) => {
      const ly = m.top + 10 + si * 14;
      if (ly >= height - 4) return;
      const color = COLORS[si % COLORS.length]!;
      parts.push(`<line x1="${m.left + pw + 8}" y1="${ly}" x2="${m.left + pw + 24}" y2="${ly}" stroke="${color}" stroke-width="${si === 0 ? 2.5 : 1}"/>`);
      parts.push(`<text x="${m.left + pw + 28}" y="${ly}" dominant-baseline="middle">${esc(s.label)}</text>`);
    });
  }
  parts.push('</svg>');
  return parts.join('\n');
}
