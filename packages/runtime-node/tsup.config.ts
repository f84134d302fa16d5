import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM + CJS + d.ts. `shims` gives the CJS build an `import.meta.url` (used to find
    // onnxruntime-node's binary folder when reporting why CUDA cannot start).
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    treeshake: true,
    shims: true,
  },
  {
    // The CLI: one ESM file `dist/cli.js` with a node shebang, matching package.json "bin".
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'es2022',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
