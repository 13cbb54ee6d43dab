import { defineConfig } from 'vite';
import { readdirSync } from 'node:fs';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { minify as terser } from 'terser';
import { firmServer } from './demo/firm-server.mjs';

/**
 * Terser's second look at rolldown's minified chunk finds ~150 bytes gzip more; rolldown also
 * leaves its `@__PURE__` notes in the output, which only a later minifier needs (~50 more).
 */
const squeeze = (module: boolean) => ({
  name: 'terser-after-minify',
  async generateBundle(_: unknown, bundle: Record<string, { type: string; code?: string }>) {
    for (const chunk of Object.values(bundle))
      if (chunk.type === 'chunk') chunk.code = (await terser(chunk.code!, { module, compress: { passes: 2 }, mangle: true, format: { comments: false } })).code!;
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
  // firmServer: `npm start` runs the demo's comments and contact form on firm-widgets-server.
  // Quotes HTML does not need around attribute values go (lit reads unquoted bindings). Whitespace
  // is collapsed to one space, never dropped: the tests run the unminified source, and a space at a
  // template's edge can be text (the desk lost two that way: "Comments2 waiting"). +21 bytes.
  plugins: [minifyLiterals({ options: { minifyOptions: { removeAttributeQuotes: true, conservativeCollapse: true } } }), squeeze(mode !== 'iife'), firmServer()],
  server: { open: '/demo/index.html' },
  build: {
    target: 'es2022',
    // dist/lib holds hashed chunks: clear it so old ones don't pile up; the other two builds share dist.
    emptyOutDir: mode === 'modules',
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
