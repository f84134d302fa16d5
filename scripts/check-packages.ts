/**
 * `pnpm check:packages`: install the packages as a user gets them from the registry and use them from outside
 * the workspace. Each package is packed (`pnpm pack`: the published files and the rewritten `workspace:`
 * ranges), the tarballs are installed into a throwaway project in the OS temp folder (no workspace `node_modules`
 * above it to hide a missing dependency), and then:
 *
 * - an ES module imports every package and calls into it, and a CommonJS module `require`s every package: both
 *   through the `exports` map, in a child process that must print nothing on import (no side effects) and exit
 *   on its own (no timers or handles left behind);
 * - `tsc --noEmit` type-checks a consumer strictly, **without** `skipLibCheck`, under `moduleResolution`
 *   `node16` (an `.mts` and a `.cts` file: the `import` and `require` conditions) and `bundler`, so a published
 *   `.d.ts` that needs a package the user does not get (a missing `@types/*` dependency, say) fails here.
 *
 * The install takes what it can from the pnpm store the workspace install filled (`--prefer-offline`) and asks
 * the registry only for metadata the store lacks (a frozen-lockfile install fetches none); set
 * `POSEKIT_PACK_OFFLINE=1` to forbid the registry. `--keep` keeps the throwaway project. Prints one line per
 * check and ends with `N passed, N failed`.
 *
 * @module
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = ['core', 'metrics', 'runtime-node', 'runtime-web'] as const;
const keep = process.argv.includes('--keep');

let passed = 0;
let failed = 0;
function check(name: string, fn: () => string | void): void {
  try {
    const note = fn();
    passed++;
    console.log(`ok   ${name}${note ? ` (${note})` : ''}`);
  } catch (e) {
    failed++;
    const err = e as { stdout?: Buffer | string; stderr?: Buffer | string; message?: string };
    const out = `${err.stdout ?? ''}${err.stderr ?? ''}`.trim() || err.message || String(e);
    console.log(`FAIL ${name}\n${out.split('\n').map((l) => `     ${l}`).join('\n')}`);
  }
}

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const work = mkdtempSync(join(tmpdir(), 'posekit-packages-'));
const packs = join(work, 'packs');
const app = join(work, 'app');
mkdirSync(packs);
mkdirSync(app);

try {
  // 1. Pack: what `pnpm publish` would upload.
  const tarball: Record<string, string> = {};
  for (const p of PACKAGES) {
    check(`pack @posekit/${p}`, () => {
      run('pnpm', ['pack', '--pack-destination', packs], join(root, 'packages', p));
      const file = readdirSync(packs).find((f) => f.startsWith(`posekit-${p}-`) && f.endsWith('.tgz'));
      if (!file) throw new Error(`no tarball for @posekit/${p} in ${packs}`);
      tarball[p] = join(packs, file);
      return file;
    });
  }
  if (failed > 0) throw new Error('packing failed');

  // 2. A consumer project outside the workspace. The tarballs' `@posekit/*` ranges point at the registry, where
  //    this version may not exist yet: overrides send them to the tarballs.
  const deps: Record<string, string> = {};
  for (const p of PACKAGES) deps[`@posekit/${p}`] = `file:${tarball[p]}`;
  deps['onnxruntime-web'] = '~1.30.0'; // runtime-web's peer dependency
  deps['typescript'] = '~5.9.3';
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'posekit-consumer', private: true, dependencies: deps }, null, 2));
  writeFileSync(
    join(app, 'pnpm-workspace.yaml'),
    [
      'overrides:',
      ...PACKAGES.map((p) => `  "@posekit/${p}": "file:${tarball[p]}"`),
      'allowBuilds:',
      '  esbuild: false',
      '  sharp: true',
      '  onnxruntime-node: false',
      '  protobufjs: false',
      '',
    ].join('\n'),
  );
  const online = process.env['POSEKIT_PACK_OFFLINE'] !== '1';
  check(`install the tarballs (${online ? 'pnpm store first, registry for what it lacks' : 'offline, from the pnpm store'})`, () => {
    run('pnpm', ['install', online ? '--prefer-offline' : '--offline'], app);
  });
  if (failed > 0) throw new Error('install failed');

  // 3. Runtime: ESM and CJS through the exports map, in fresh processes.
  writeFileSync(
    join(app, 'use.mjs'),
    `import * as core from '@posekit/core';
import * as metrics from '@posekit/metrics';
import * as node from '@posekit/runtime-node';
import * as web from '@posekit/runtime-web';
const layout = core.getLayout('coco17');
const r = core.decodeMsra({ data: new Float32Array(17 * 8 * 6), dims: [1, 17, 8, 6] });
let code = '';
try { core.getLayout('nope'); } catch (e) { code = e instanceof core.PosekitError ? e.code : 'not a PosekitError'; }
const out = { kp: layout.keypoints.length, decoded: r.keypoints.length, code,
  metrics: typeof metrics.loadCocoDataset, node: typeof node.createSession, web: typeof web.createSession };
process.stderr.write(JSON.stringify(out));
`,
  );
  writeFileSync(
    join(app, 'use.cjs'),
    `const core = require('@posekit/core');
const metrics = require('@posekit/metrics');
const node = require('@posekit/runtime-node');
const web = require('@posekit/runtime-web');
const out = { kp: core.getLayout('coco17').keypoints.length, metrics: typeof metrics.loadCocoDataset,
  node: typeof node.createSession, web: typeof web.createSession };
process.stderr.write(JSON.stringify(out));
`,
  );
  writeFileSync(join(app, 'import-only.mjs'), `import '@posekit/core';\nimport '@posekit/metrics';\nimport '@posekit/runtime-node';\nimport '@posekit/runtime-web';\n`);
  const expectJson = (file: string, want: Record<string, unknown>): string => {
    const res = spawnSync(process.execPath, [file], { cwd: app, encoding: 'utf8', timeout: 60_000 });
    if (res.status !== 0) throw Object.assign(new Error(`${file} exited ${res.status ?? res.signal}`), { stdout: res.stdout, stderr: res.stderr });
    if (res.stdout !== '') throw new Error(`${file} printed to stdout: ${JSON.stringify(res.stdout.slice(0, 200))}`);
    const got = JSON.parse(res.stderr) as Record<string, unknown>;
    for (const [k, v] of Object.entries(want)) {
      if (got[k] !== v) throw new Error(`${file}: ${k} = ${JSON.stringify(got[k])}, expected ${JSON.stringify(v)}`);
    }
    return res.stderr;
  };
  check('ESM import of every package, calls through the exports map', () =>
    expectJson('use.mjs', { kp: 17, decoded: 17 * 2, code: 'E_UNKNOWN_LAYOUT', metrics: 'function', node: 'function', web: 'function' }),
  );
  check('CJS require of every package', () => expectJson('use.cjs', { kp: 17, metrics: 'function', node: 'function', web: 'function' }));
  check('importing has no side effects (prints nothing, exits by itself)', () => {
    const t = Date.now();
    const res = spawnSync(process.execPath, ['import-only.mjs'], { cwd: app, encoding: 'utf8', timeout: 30_000 });
    if (res.status !== 0) throw Object.assign(new Error(`exited ${res.status ?? res.signal} (timeout: a handle kept the process alive?)`), { stdout: res.stdout, stderr: res.stderr });
    if (res.stdout !== '' || res.stderr !== '') throw new Error(`printed: ${JSON.stringify((res.stdout + res.stderr).slice(0, 300))}`);
    return `${Date.now() - t} ms`;
  });

  // 4. Types: strict, no skipLibCheck, the way a consumer's compiler sees the published .d.ts files.
  const consumerTs = `import { getLayout, decodeMsra, toNdarray, type Pose } from '@posekit/core';
import { loadCocoDataset } from '@posekit/metrics';
import { createSession } from '@posekit/runtime-node';
import { createSession as createWebSession } from '@posekit/runtime-web';
const n: number = getLayout('coco17').keypoints.length;
const t = { data: new Float32Array(17 * 8 * 6), dims: [1, 17, 8, 6] as const };
const kp: Float32Array = decodeMsra(t).keypoints;
const shape: number[] = toNdarray(t).shape;
const pose: Pose | undefined = undefined;
export { n, kp, shape, pose, loadCocoDataset, createSession, createWebSession };
`;
  writeFileSync(join(app, 'consumer.mts'), consumerTs);
  writeFileSync(join(app, 'consumer.cts'), consumerTs.replace(/^export .*$/m, 'void [n, kp, shape, pose, loadCocoDataset, createSession, createWebSession];'));
  writeFileSync(join(app, 'consumer-bundler.ts'), consumerTs);
  const strict = { strict: true, noEmit: true, target: 'es2022', lib: ['es2022', 'dom'], types: ['node'], skipLibCheck: false, exactOptionalPropertyTypes: true };
  writeFileSync(join(app, 'tsconfig.node16.json'), JSON.stringify({ compilerOptions: { ...strict, module: 'node16', moduleResolution: 'node16' }, files: ['consumer.mts', 'consumer.cts'] }));
  writeFileSync(join(app, 'tsconfig.bundler.json'), JSON.stringify({ compilerOptions: { ...strict, module: 'esnext', moduleResolution: 'bundler' }, files: ['consumer-bundler.ts'] }));
  // @types/node comes from the workspace (a consumer has their own); everything else must come with the packages.
  mkdirSync(join(app, 'node_modules', '@types'), { recursive: true });
  const typesNode = join(root, 'node_modules', '@types', 'node');
  run('ln', ['-s', typesNode, join(app, 'node_modules', '@types', 'node')], app);
  const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');
  check('types: moduleResolution node16 (import + require conditions), strict, no skipLibCheck', () => {
    run(process.execPath, [tsc, '-p', 'tsconfig.node16.json'], app);
  });
  check('types: moduleResolution bundler, strict, no skipLibCheck', () => {
    run(process.execPath, [tsc, '-p', 'tsconfig.bundler.json'], app);
  });
} catch (e) {
  if (failed === 0) {
    failed++;
    console.log(`FAIL ${(e as Error).message}`);
  }
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
