import { defineConfig } from 'vite';
import { readdirSync } from 'node:fs';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { minify as terser } from 'terser';

/** Terser's second look at rolldown's minified chunk finds ~150 bytes gzip more. */
const squeeze = (module: boolean) => ({
  name: 'terser-after-minify',
  async renderChunk(code: string) {
    return (await terser(code, { module, compress: { passes: 2 }, mangle: true })).code!;
  },
});

// `vite build` makes the one-file kit (dist/firm-widgets.js, lit included);
// `--mode iife` the same as a classic script; `--mode modules` one module per element with lit
// left as an import, for sites that bundle their own code (package.json "exports").
const elements = Object.fromEntries(
  readdirSync('src/elements').map((name) => [name, `src/elements/${name}/${name}.ts`]),
);

export default defineConfig(({ mode }) => ({
  // lit keeps css`` and html`` text as written; squeezing it is a quarter of the kit's bytes.
  plugins: [minifyLiterals(), squeeze(mode !== 'iife')],
  server: { open: '/demo/index.html' },
  build: {
    target: 'es2022',
    emptyOutDir: false,
    minify: true,
    reportCompressedSize: false,
    outDir: mode === 'modules' ? 'dist/lib' : 'dist',
    lib:
      mode === 'modules'
        ? { entry: { index: 'src/index.ts', ...elements }, formats: ['es'] }
        : mode === 'iife'
          ? { entry: 'src/index.ts', formats: ['iife'], name: 'FirmWidgets', fileName: () => 'firm-widgets.iife.js' }
          : { entry: 'src/index.ts', formats: ['es'], fileName: () => 'firm-widgets.js' },
    rolldownOptions: {
      external: mode === 'modules' ? [/^lit(\/|$)/, /^@lit\//] : [],
      output: { minify: true },
    },
  },
}));
