/**
 * Vite config of the demo page (`demo/`) and the e2e harness page (`e2e/harness.html`).
 *
 * - Models and sample images are served from the shared folder (`$POSEKIT_SHARED`, else `../shared` beside the
 *   repo) under `/models/` and `/samples/` by a middleware (dev server and `vite preview`); nothing is copied into
 *   the repo or the build.
 * - The page is cross-origin isolated (COOP/COEP headers) so onnxruntime-web may use WASM threads.
 * - `onnxruntime-web` is excluded from dependency pre-bundling: its module finds its `.wasm` next to itself
 *   (`new URL(..., import.meta.url)`), which pre-bundling would break in dev. `vite build` emits the `.wasm` as an
 *   asset by itself.
 */
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Connect, type Plugin, defaultClientConditions, defineConfig } from 'vite';

const pkgDir = dirname(fileURLToPath(import.meta.url));

/** The shared folder (models, data). */
export const sharedDir: string = process.env['POSEKIT_SHARED'] ? resolve(process.env['POSEKIT_SHARED']) : resolve(pkgDir, '..', '..', '..', 'shared');

/** URL prefix -> folder served read-only. */
const mounts: Record<string, string> = {
  '/models/': join(sharedDir, 'models'),
  '/samples/': join(sharedDir, 'data', 'mmpose-tests', 'coco'),
};

const types: Record<string, string> = {
  '.onnx': 'application/octet-stream',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** COOP + COEP make the page cross-origin isolated: SharedArrayBuffer, hence WASM threads. */
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

function serveShared(req: IncomingMessage, res: ServerResponse, next: Connect.NextFunction): void {
  const url = decodeURIComponent((req.url ?? '').split('?')[0]!);
  if (url === '/') {
    // The server root is the package folder: send visitors to the demo.
    res.statusCode = 302;
    res.setHeader('Location', '/demo/');
    res.end();
    return;
  }
  if (url === '/samples/index.json') {
    // The demo lists the sample images that exist (the shared folder may be absent).
    const dir = mounts['/samples/']!;
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort() : [];
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(files));
    return;
  }
  for (const [prefix, dir] of Object.entries(mounts)) {
    if (!url.startsWith(prefix)) continue;
    const file = resolve(dir, '.' + sep + url.slice(prefix.length));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end(`not found: ${url}`);
      return;
    }
    const ext = file.slice(file.lastIndexOf('.')).toLowerCase();
    res.setHeader('Content-Type', types[ext] ?? 'application/octet-stream');
    res.setHeader('Content-Length', String(statSync(file).size));
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    createReadStream(file).pipe(res);
    return;
  }
  next();
}

/** Serve `/models/` and `/samples/` from the shared folder in `vite` (dev) and `vite preview`. */
function sharedFiles(): Plugin {
  return {
    name: 'posekit-shared-files',
    configureServer(server) {
      server.middlewares.use(serveShared);
    },
    configurePreviewServer(server) {
      server.middlewares.use(serveShared);
    },
  };
}

export default defineConfig({
  root: pkgDir,
  // Workspace development: resolve @posekit/* to their TypeScript sources (the `@posekit/source` condition).
  resolve: { conditions: ['@posekit/source', ...defaultClientConditions] },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  worker: { format: 'es' },
  // Open a browser tab only where there is a display to show it.
  server: { host: '127.0.0.1', headers: isolation, open: process.platform !== 'linux' || !!process.env['DISPLAY'] ? '/demo/' : false },
  preview: { host: '127.0.0.1', headers: isolation },
  build: {
    outDir: 'demo-dist',
    emptyOutDir: true,
    target: 'es2022',
    // The ORT chunk and its .wasm are big by nature; they load once and are cached.
    chunkSizeWarningLimit: 1024,
    rollupOptions: { input: { demo: resolve(pkgDir, 'demo/index.html'), harness: resolve(pkgDir, 'e2e/harness.html') } },
  },
  plugins: [sharedFiles()],
});
