import { defineConfig } from 'tsup';

export default defineConfig({
  // `worker` is the ready-made worker script (`@posekit/runtime-web/worker`); it is the only entry with a side effect.
  entry: { index: 'src/index.ts', worker: 'src/worker/entry.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
  // Peer dependency: loaded by the app's bundler once, never inlined here.
  external: ['onnxruntime-web'],
});
