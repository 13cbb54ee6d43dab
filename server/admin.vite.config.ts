import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';

/**
 * The desk's bundle (`npm run build:admin`): the second vite entry of the project, beside the
 * kit's. One module, lit and the kit's tokens included, in server/admin-dist/desk.js, which the
 * server serves at /admin/assets/desk.js under its strict Content-Security-Policy.
 */
export default defineConfig({
  // Whitespace is collapsed to one space, never dropped: the templates' edges carry spaces that
  // read (" · topic", a count's badge after its label), and the tests run the unminified source.
  plugins: [minifyLiterals({ options: { minifyOptions: { conservativeCollapse: true } } })],
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('./admin-dist', import.meta.url)),
    emptyOutDir: true,
    minify: true,
    reportCompressedSize: false,
    lib: { entry: fileURLToPath(new URL('./src/admin/desk.ts', import.meta.url)), formats: ['es'], fileName: () => 'desk.js' },
  },
});
