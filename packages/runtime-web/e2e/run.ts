/**
 * Browser end-to-end test of @posekit/runtime-web in real Chromium (Debian `chromium`, driven by playwright-core).
 *
 * 1. `vite build` of the demo + harness pages, served by `vite preview` on 127.0.0.1 (free port); models and
 *    COCO sample images come from the shared folder through the server's middleware.
 * 2. Top-down (RTMDet-nano + SimplePose) and one-stage (YOLO11n-pose) on WASM and on WebGPU (Chromium's
 *    software adapter with --enable-unsafe-webgpu), plus one worker run; prints the provider of each run.
 * 3. The same core estimators in this Node process on onnxruntime-node (CPU), fed the very pixels the browser
 *    decoded: same detections; top-down keypoints within 1 px; worker == main thread.
 * 4. Errors surface in the browser as PosekitError with the Node codes; WebGPU refusal without the flag.
 * 5. A screenshot of the demo page shows the drawn poses.
 *
 * Missing shared files or Chromium: failure under CI=true, loud skip elsewhere.
 * Usage: tsx --conditions=@posekit/source e2e/run.ts [--dev] [--keep-open]
 *   --dev: Vite dev server instead of build + preview. Debugging: POSEKIT_E2E_ONLY=<label substring> runs only the
 *   matching browser runs; POSEKIT_E2E_DUMP=<file.json> writes every browser result and the Node reference.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ortNode from 'onnxruntime-node';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { build, createServer, preview } from 'vite';
import { createOneStageEstimator, createTopDownEstimator, getModelPreset, isPosekitError } from '@posekit/core';
import type { EstimateResult, ImageLike, PoseEstimator } from '@posekit/core';
import type { HarnessApi, PoseJson, RunArgs, RunJson } from './harness-api.js';
import { comparePoses } from './compare.js';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const configFile = join(pkgDir, 'vite.config.ts');
const inCI = process.env['CI'] === 'true' || process.env['CI'] === '1';
const sharedDir = process.env['POSEKIT_SHARED'] ? resolve(process.env['POSEKIT_SHARED']) : resolve(pkgDir, '..', '..', '..', 'shared');
const chromiumPath = process.env['POSEKIT_CHROMIUM'] ?? '/usr/bin/chromium';
const useDev = process.argv.includes('--dev');

const IMAGES = ['000000000785.jpg', '000000040083.jpg', '000000196141.jpg', '000000197388.jpg'];
const MODELS = {
  det: 'rtmdet-nano_person_end2end.onnx',
  pose: 'ultralight-nano-simplepose_256x192.onnx',
  oneStage: 'yolo11n-pose_int8_640.onnx',
};
/** Base flags: isolated, quiet, reproducible headless Chromium. */
const BASE_FLAGS = ['--headless=new', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The flag that gives headless Chromium its (software, SwiftShader) WebGPU adapter. */
const WEBGPU_FLAGS = ['--enable-unsafe-webgpu'];

// ---------------------------------------------------------------------------------------------- checks

let failures = 0;
let passes = 0;
function check(name: string, ok: boolean, detail = ''): void {
  if (ok) passes++;
  else failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}
function skipOrFail(why: string): never {
  if (inCI) {
    console.error(`e2e: FAIL (CI=true): ${why}`);
    process.exit(1);
  }
  console.warn(`\n!!! SKIPPING the browser e2e suite: ${why}\n!!! (set POSEKIT_SHARED / POSEKIT_CHROMIUM, or run under CI=true to make this a failure)\n`);
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------- setup

const needed = [...Object.values(MODELS).map((m) => join(sharedDir, 'models', m)), ...IMAGES.map((i) => join(sharedDir, 'data', 'mmpose-tests', 'coco', i))];
const missing = needed.filter((p) => !existsSync(p));
if (missing.length > 0) skipOrFail(`missing shared files: ${missing.join(', ')}`);
if (!existsSync(chromiumPath)) skipOrFail(`no Chromium at ${chromiumPath} (Debian: apt-get install chromium; scripts/setup --test does it)`);

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createNetServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

const t0 = performance.now();
// Nothing in a browser run may hang CI: the whole suite has 15 minutes (it takes 2-5 on 2 busy cores).
const watchdog = setTimeout(() => {
  console.error('e2e: FAIL: the suite ran for 15 minutes; something hangs (see the last line above)');
  process.exit(1);
}, 15 * 60_000);
watchdog.unref();
const elapsed = (): string => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

async function startServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const port = await freePort();
  if (useDev) {
    const server = await createServer({ configFile, logLevel: 'warn', server: { port, strictPort: true, open: false } });
    await server.listen();
    return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
  }
  const tb = performance.now();
  await build({ configFile, logLevel: 'warn' });
  console.log(`vite build: ${((performance.now() - tb) / 1000).toFixed(1)} s`);
  const server = await preview({ configFile, logLevel: 'warn', preview: { port, strictPort: true, open: false } });
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.httpServer.close(() => r())) };
}

async function launch(flags: string[]): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  // A fresh profile per launch: no state from earlier runs (caches, permissions, GPU blocklist decisions).
  const profile = mkdtempSync(join(tmpdir(), 'posekit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [...BASE_FLAGS, ...flags],
    viewport: { width: 1100, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function openHarness(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    // onnxruntime-web logs, as console errors, that shape ops of WebGPU sessions run on the CPU: expected, not news.
    if (m.type() === 'error' && !m.text().includes('VerifyEachNodeIsAssignedToAnEp')) console.log(`  [browser console.error] ${m.text().slice(0, 300)}`);
  });
  page.on('pageerror', (e) => console.log(`  [browser pageerror] ${e.message.slice(0, 300)}`));
  await page.goto(`${url}/e2e/harness.html`);
  await page.waitForFunction(() => document.body.dataset['ready'] === '1', undefined, { timeout: 60_000 });
  return page;
}

const harness = <K extends keyof HarnessApi>(page: Page, method: K, arg?: Parameters<HarnessApi[K]>[0]): Promise<Awaited<ReturnType<HarnessApi[K]>>> =>
  page.evaluate(
    ([m, a]) => (window as unknown as { posekitHarness: Record<string, (x: unknown) => Promise<unknown>> }).posekitHarness[m]!(a),
    [method, arg] as const,
  ) as Promise<Awaited<ReturnType<HarnessApi[K]>>>;

// ---------------------------------------------------------------------------------------------- Node reference

async function nodeSession(file: string): Promise<ortNode.InferenceSession> {
  return ortNode.InferenceSession.create(join(sharedDir, 'models', file), { executionProviders: ['cpu'], intraOpNumThreads: 2 });
}

async function nodeEstimators(): Promise<{ topDown: PoseEstimator; oneStage: PoseEstimator; release: () => Promise<void> }> {
  const [det, pose, one] = await Promise.all([nodeSession(MODELS.det), nodeSession(MODELS.pose), nodeSession(MODELS.oneStage)]);
  return {
    topDown: createTopDownEstimator({ detector: { session: det, spec: getModelPreset('rtmdet-nano') }, pose: { session: pose, spec: getModelPreset('ultralight-simplepose-256x192') } }),
    oneStage: createOneStageEstimator({ session: one, spec: getModelPreset('yolo11n-pose') }),
    release: async () => {
      await Promise.all([det.release(), pose.release(), one.release()]);
    },
  };
}

function posesJson(r: EstimateResult): PoseJson[] {
  return r.poses.map((p) => ({ keypoints: Array.from(p.keypoints), score: p.score, ...(p.box ? { box: { ...p.box } } : {}) }));
}

// ---------------------------------------------------------------------------------------------- runs

interface RunRecord {
  label: string;
  args: RunArgs;
  out: RunJson;
  wallMs: number;
}

function providerLine(out: RunJson): string {
  const s = out.sessions;
  const one = (r: { provider: string; attempts: RunJson['sessions']['pose']['attempts'] }): string => {
    const a = r.attempts.find((x) => x.provider === r.provider);
    const adapter = a?.adapter ? ` (adapter ${a.adapter.vendor}/${a.adapter.architecture}${a.adapter.isFallbackAdapter ? ', software fallback' : ''})` : '';
    const refused = r.attempts.filter((x) => !x.ok).map((x) => ` [${x.provider} refused: ${x.reason}]`).join('');
    return `${r.provider}${adapter}${refused}`;
  };
  return s.detector ? `detector ${one(s.detector)}, pose ${one(s.pose)}` : one(s.pose);
}

async function main(): Promise<void> {
  console.log(`e2e: shared ${sharedDir}, chromium ${chromiumPath}, ${useDev ? 'vite dev server' : 'vite build + preview'}`);
  const server = await startServer();
  const browser = await launch(WEBGPU_FLAGS);
  let noGpu: Awaited<ReturnType<typeof launch>> | undefined;
  try {
    const page = await openHarness(browser.context, server.url);
    const version = browser.context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
    console.log(`chromium ${version}, flags: ${[...BASE_FLAGS, ...WEBGPU_FLAGS].join(' ')} (${elapsed()})`);

    // --- WebGPU availability, reported first so a refusal is visible even if later steps fail.
    const auto = await harness(page, 'session', 'auto');
    console.log(`createSession(device 'auto'): ${auto.provider ?? auto.error?.code} ${JSON.stringify(auto.attempts)}`);
    check("device 'auto' picks WebGPU under --enable-unsafe-webgpu", auto.provider === 'webgpu', JSON.stringify(auto.attempts ?? auto.error));

    // --- Runs. WASM over all four images. Chromium's software WebGPU adapter (SwiftShader) is very slow on 2 CPU
    // cores (measured: ~10 s per SimplePose crop, ~15 s per RTMDet run, 1-2 min per YOLO11n-pose run), so WebGPU
    // runs on one image: the skier (one person, so one detector + one pose run for top-down). One worker run.
    const one = [IMAGES[0]!];
    const plan: { label: string; args: RunArgs }[] = [
      { label: 'top-down wasm', args: { kind: 'top-down', device: 'wasm', images: IMAGES, pixels: true } },
      { label: 'one-stage wasm', args: { kind: 'one-stage', device: 'wasm', images: IMAGES } },
      { label: 'top-down wasm (worker)', args: { kind: 'top-down', device: 'wasm', images: one, worker: true } },
      { label: 'top-down webgpu', args: { kind: 'top-down', device: 'webgpu', images: one } },
      { label: 'one-stage webgpu', args: { kind: 'one-stage', device: 'webgpu', images: one } },
    ];
    const runs: RunRecord[] = [];
    // POSEKIT_E2E_ONLY=<substring>: run only the matching runs (debugging; 'top-down wasm' always runs: it brings the pixels).
    const only = process.env['POSEKIT_E2E_ONLY'];
    for (const { label, args } of plan.filter((p) => !only || p.label === 'top-down wasm' || p.label.includes(only))) {
      const tr = performance.now();
      try {
        const out = await harness(page, 'run', args);
        const rec = { label, args, out, wallMs: performance.now() - tr };
        runs.push(rec);
        const ms = out.results.map((r) => r.timings.totalMs);
        console.log(
          `run ${label}: provider ${providerLine(out)}; sessions ${out.createMs.toFixed(0)} ms; per image ${ms.map((m) => m.toFixed(0)).join(' / ')} ms; ` +
            `poses ${out.results.map((r) => r.poses.length).join(' / ')} (${elapsed()})`,
        );
        const want = args.device;
        const used = [out.sessions.detector?.provider, out.sessions.pose.provider].filter(Boolean);
        check(`${label}: runs on ${want}`, used.every((p) => p === want), used.join(', '));
      } catch (e) {
        check(`${label}: completes`, false, String(e).slice(0, 500));
      }
    }

    // --- Node reference on the browser's own pixels (identical pixels -> identical poses).
    const base = runs.find((r) => r.label === 'top-down wasm');
    if (base) {
      const node = await nodeEstimators();
      try {
        const pixels = new Map<string, ImageLike>();
        for (const r of base.out.results) {
          const data = new Uint8Array(Buffer.from(r.rgbaBase64!, 'base64'));
          pixels.set(r.image, { data, width: r.width, height: r.height, channels: 4, order: 'rgba' });
          check(`${r.image}: browser decoded ${r.width}x${r.height} RGBA`, data.length === r.width * r.height * 4);
        }
        const nodeResults = { 'top-down': new Map<string, EstimateResult>(), 'one-stage': new Map<string, EstimateResult>() };
        for (const [name, img] of pixels) {
          nodeResults['top-down'].set(name, await node.topDown.estimate(img));
          nodeResults['one-stage'].set(name, await node.oneStage.estimate(img));
        }
        if (process.env['POSEKIT_E2E_DUMP']) {
          // Debugging: every browser result and the Node reference, as JSON.
          const node = Object.fromEntries(Object.entries(nodeResults).map(([k, m]) => [k, Object.fromEntries([...m].map(([n, r]) => [n, { poses: posesJson(r), boxes: r.boxes }]))]));
          writeFileSync(process.env['POSEKIT_E2E_DUMP'], JSON.stringify({ runs: runs.map((r) => ({ ...r, out: { ...r.out, results: r.out.results.map(({ rgbaBase64: _, ...x }) => x) } })), node }));
        }
        for (const rec of runs) {
          const kind = rec.args.kind;
          for (const r of rec.out.results) {
            const ref = nodeResults[kind].get(r.image)!;
            const c = comparePoses(posesJson(ref), r.poses);
            const kpTol = 1; // px: the top-down contract
            // "Same detections": the same people, matched one to one. RTMDet-nano is float32: its boxes agree to
            // float precision (IoU >= 0.99). YOLO11n-pose is an int8 QDQ model: its outputs are quantized, and the
            // CPU kernels of onnxruntime-node (x86 AVX2), onnxruntime-web's WASM SIMD and WebGPU shaders may round
            // an intermediate value to the neighbouring quantization step, which moves a box edge by a whole step
            // (~15 px at this scale, measured) and a score by ~0.01-0.1: matched people still overlap at IoU > 0.9.
            const minIoU = kind === 'top-down' ? 0.99 : 0.8;
            check(
              `${rec.label} vs node cpu, ${r.image}: same detections (${ref.poses.length} people)`,
              c.sameCount && c.unmatched === 0 && c.minBoxIoU >= minIoU,
              `browser ${r.poses.length}, node ${ref.poses.length}, min box IoU ${c.minBoxIoU.toFixed(4)} (>= ${minIoU})`,
            );
            if (kind === 'top-down') {
              check(`${rec.label} vs node cpu, ${r.image}: keypoints within ${kpTol} px`, c.maxKeypointPx <= kpTol, `max |d| ${c.maxKeypointPx.toFixed(4)} px, max score diff ${c.maxScoreDiff.toFixed(4)}`);
            } else {
              console.log(`     ${rec.label} ${r.image}: keypoints max |d| ${c.maxKeypointPx.toFixed(3)} px (confident kps ${c.maxConfidentKeypointPx.toFixed(3)} px), max score diff ${c.maxScoreDiff.toFixed(4)}`);
            }
          }
        }
        // Worker vs main thread: same provider, same pixels -> same numbers.
        const worker = runs.find((r) => r.args.worker);
        if (worker) {
          for (const r of worker.out.results) {
            const main = base.out.results.find((x) => x.image === r.image)!;
            const c = comparePoses(main.poses, r.poses);
            check(`worker == main thread (wasm), ${r.image}`, c.sameCount && c.unmatched === 0 && c.maxKeypointPx <= 1e-3, `max |d| ${c.maxKeypointPx.toExponential(2)} px`);
          }
        }
      } finally {
        await node.release();
        await node.topDown.dispose();
        await node.oneStage.dispose();
      }
    }

    // --- Errors: each kind surfaces as PosekitError with the Node code.
    const errors = await harness(page, 'errors');
    const expectCodes: Record<string, string> = {
      'model-bytes': 'E_MODEL_LOAD',
      'model-404': 'E_DOWNLOAD',
      'model-spec': 'E_MODEL_SPEC',
      'image-bytes': 'E_IMAGE_DECODE',
      'image-broken-img': 'E_IMAGE_DECODE',
      'image-size': 'E_IMAGE_SIZE',
      'image-closed-bitmap': 'E_IMAGE_SIZE',
      'worker-model-bytes': 'E_MODEL_LOAD',
      'worker-image-size': 'E_IMAGE_SIZE',
    };
    for (const [k, code] of Object.entries(expectCodes)) {
      const e = errors[k];
      check(`error ${k} -> PosekitError ${code}`, e?.name === 'PosekitError' && e.code === code, e ? `${e.name} ${e.code ?? ''}: ${e.message.slice(0, 160)}` : 'nothing thrown');
    }

    // --- Demo page: pick a sample, run top-down on WASM, check the drawn overlay in a screenshot.
    await demoScreenshot(browser.context, server.url, page);

    // --- Without --enable-unsafe-webgpu: WebGPU refused, with the reason; 'webgpu' is E_PROVIDER.
    noGpu = await launch([]);
    const page2 = await openHarness(noGpu.context, server.url);
    const a2 = await harness(page2, 'session', 'auto');
    console.log(`no --enable-unsafe-webgpu: createSession('auto') -> ${a2.provider ?? a2.error?.code} ${JSON.stringify(a2.attempts)}`);
    check("without the flag, 'auto' falls back to wasm and says why", a2.provider === 'wasm' && a2.attempts?.[0]?.provider === 'webgpu' && a2.attempts[0].ok === false && !!a2.attempts[0].reason);
    const g2 = await harness(page2, 'session', 'webgpu');
    check("without the flag, device 'webgpu' -> E_PROVIDER", g2.error?.code === 'E_PROVIDER', g2.error?.message ?? 'no error');
  } finally {
    await noGpu?.close();
    if (!process.argv.includes('--keep-open')) {
      await browser.close();
      await server.close();
    }
  }
}

async function demoScreenshot(context: BrowserContext, url: string, harnessPage: Page): Promise<void> {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`  [demo pageerror] ${e.message.slice(0, 300)}`));
  await page.goto(`${url}/demo/`);
  await page.waitForFunction(() => document.body.dataset['state'] === 'idle' && (document.getElementById('sample') as HTMLSelectElement).options.length > 1, undefined, { timeout: 60_000 });
  await page.selectOption('#sample', '000000000785.jpg');
  await page.waitForFunction(() => document.body.dataset['state'] === 'idle' && document.getElementById('status')!.textContent!.startsWith('000000000785.jpg'), undefined, { timeout: 60_000 });
  await page.selectOption('#device', 'wasm');
  await page.click('#run');
  await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset['state'] ?? ''), undefined, { timeout: 120_000 });
  const state = await page.evaluate(() => ({ state: document.body.dataset['state'], status: document.getElementById('status')!.textContent, poses: document.body.dataset['poses'] }));
  console.log(`demo: ${state.status}`);
  check('demo page runs top-down and reports provider + timings', state.state === 'done' && /provider: detector wasm, pose wasm/.test(state.status ?? '') && /ms \(preprocess/.test(state.status ?? ''), state.status ?? '');
  const stage = page.locator('#stage');
  const withPoses = (await stage.screenshot()).toString('base64');
  await page.click('#show'); // hide the overlay: the bare image
  const bare = (await stage.screenshot()).toString('base64');
  await page.close();
  // posesToSvg's first person colour (#e6194b) must appear where the bare image does not have it, and the two
  // shots must differ. The harness page decodes the PNGs (the browser is the PNG decoder at hand).
  const counts = await harness(harnessPage, 'overlayPixels', { withPoses, bare, color: [0xe6, 0x19, 0x4b] });
  check(
    'demo screenshot shows the pose overlay (colour present, differs from the bare image)',
    counts.inOverlay > 200 && counts.inOverlay > 5 * counts.inBare && counts.differ > 500,
    `${counts.size}: #e6194b-ish pixels ${counts.inOverlay} with poses vs ${counts.inBare} bare; ${counts.differ} pixels differ`,
  );
}

try {
  await main();
} catch (e) {
  check('e2e completes', false, isPosekitError(e) ? `${e.code}: ${e.message}` : String((e as Error)?.stack ?? e));
}
console.log(`\ne2e: ${passes} passed, ${failures} failed (${elapsed()})`);
process.exit(failures === 0 ? 0 : 1);

