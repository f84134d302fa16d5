/**
 * Browser bundle size of @posekit/core and @posekit/runtime-web: esbuild (tsup's own dependency), ESM, minified,
 * browser platform, onnxruntime-web external (a peer dependency: the app ships it once), then gzip -9.
 * Asserts a budget per bundle and that onnxruntime-web is never bundled into ours.
 *
 * Usage: tsx --conditions=@posekit/source scripts/size.ts [--json]
 */
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The slice of esbuild's API used here (esbuild's types are not resolvable from this package). */
interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ outputFiles: { contents: Uint8Array }[]; metafile: { inputs: Record<string, unknown> } }>;
}

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// esbuild is not a dependency of ours: use the copy tsup (the build tool of every package) depends on.
const esbuild = createRequire(require.resolve('tsup'))('esbuild') as Esbuild;

interface Case {
  name: string;
  /** Entry module source. */
  contents: string;
  /** Extra externals besides onnxruntime-web. */
  external?: string[];
  /** Budget, gzip bytes. */
  budgetGzip: number;
}

const cases: Case[] = [
  // Everything core exports: the worst case for an app that imports the whole barrel. Raised from 72 000 when the
  // video helpers (track/ + smooth/, ~9.6 KiB gzip on their own, the case below) joined the barrel; the
  // estimator subset's budget did not move: tree shaking keeps them out of apps that do not call them. Raised from
  // 80 000 when every decode / affine / image entry point learnt to reject bad input with a PosekitError (argument,
  // option-name, boolean, overflow and aliasing checks with expected-vs-received messages: +4.2 KiB gzip over the
  // whole barrel; the estimator subset kept its budget and, with toNdarray in a module of its own, its size).
  { name: '@posekit/core (all exports)', contents: `export * from '@posekit/core';`, budgetGzip: 84_000 },
  // What the estimators need at runtime, tree-shaken, as an app using presets + estimators + SVG would ship.
  {
    name: '@posekit/core (estimators + presets + posesToSvg)',
    contents: `export { createTopDownEstimator, createOneStageEstimator, getModelPreset, posesToSvg, PosekitError } from '@posekit/core';`,
    budgetGzip: 38_000,
  },
  // Same, with onnxruntime-common left to the app's bundler too (it is core's dependency; onnxruntime-web bundles
  // its own copy, so this line shows what the shared Tensor class costs).
  {
    name: '@posekit/core (all exports, onnxruntime-common external)',
    contents: `export * from '@posekit/core';`,
    external: ['onnxruntime-common'],
    budgetGzip: 80_000, // raised from 76 000 with the input checks, as above
  },
  // A video app's extra: tracker + smoother (+ the filters they use), tree-shaken.
  {
    name: '@posekit/core (createPoseTracker + createPoseSmoother)',
    contents: `export { createPoseTracker, createPoseSmoother } from '@posekit/core';`,
    external: ['onnxruntime-common'],
    budgetGzip: 10_000,
  },
  { name: '@posekit/runtime-web (all exports, with core)', contents: `export * from '@posekit/runtime-web';`, budgetGzip: 44_000 },
];

interface Row {
  name: string;
  minBytes: number;
  gzipBytes: number;
  budgetGzip: number;
  ok: boolean;
  ortWebInlined: boolean;
  ortCommonInlined: boolean;
}

async function measure(c: Case): Promise<Row> {
  const res = await esbuild.build({
    stdin: { contents: c.contents, resolveDir: pkgDir, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@posekit/source'],
    external: ['onnxruntime-web', 'onnxruntime-web/*', ...(c.external ?? [])],
    treeShaking: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = res.outputFiles[0]!.contents;
  const inputs = Object.keys(res.metafile.inputs);
  const gz = gzipSync(code, { level: 9 }).length;
  return {
    name: c.name,
    minBytes: code.length,
    gzipBytes: gz,
    budgetGzip: c.budgetGzip,
    ok: gz <= c.budgetGzip,
    ortWebInlined: inputs.some((p) => p.includes('onnxruntime-web')),
    ortCommonInlined: inputs.some((p) => p.includes('onnxruntime-common')),
  };
}

const rows: Row[] = [];
let buildErrors = 0;
for (const c of cases) {
  try {
    rows.push(await measure(c));
  } catch (e) {
    buildErrors++;
    console.error(`size: FAIL ${c.name}: esbuild could not bundle it: ${(e as Error).message}`);
  }
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  console.log('size: esbuild ESM, minified, browser, onnxruntime-web external; gzip -9');
  for (const r of rows) {
    console.log(
      `${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${kb(r.minBytes)} min, ${kb(r.gzipBytes)} gzip (budget ${kb(r.budgetGzip)})` +
        `${r.ortCommonInlined ? '; includes onnxruntime-common' : ''}${r.ortWebInlined ? '; INCLUDES onnxruntime-web' : ''}`,
    );
  }
}
let bad = buildErrors;
for (const r of rows) {
  if (!r.ok) bad++;
  if (r.ortWebInlined) {
    console.error(`size: FAIL ${r.name}: onnxruntime-web was bundled; it must stay an external peer dependency`);
    bad++;
  }
}
process.exit(bad === 0 ? 0 : 1);
