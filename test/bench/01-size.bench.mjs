// Bytes a visitor downloads: the whole kit and each element bundled alone (lit included), gzip -9
// and brotli -11.
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { build } from 'vite';
import { gzipSize } from '../gzip-size.mjs';

const sizes = (path) => ({
  raw: readFileSync(path).length,
  gzip: gzipSize(path),
  brotli: brotliCompressSync(readFileSync(path), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
const row = (name, s) => console.log(`${name.padEnd(28)} ${kb(s.raw).padStart(10)} ${kb(s.gzip).padStart(10)} ${kb(s.brotli).padStart(10)}`);

export default async function () {
  console.log(`${'bundle'.padEnd(28)} ${'raw'.padStart(10)} ${'gzip -9'.padStart(10)} ${'brotli'.padStart(10)}`);
  row('firm-widgets.js (whole kit)', sizes('dist/firm-widgets.js'));
  const out = mkdtempSync(join(tmpdir(), 'firm-size-'));
  for (const name of readdirSync('src/elements').sort()) {
    // The kit's own build settings, one element as the entry.
    await build({
      logLevel: 'silent',
      build: { outDir: out, lib: { entry: `src/elements/${name}/${name}.ts`, formats: ['es'], fileName: () => 'el.js' } },
    });
    row(`  ${name} alone`, sizes(join(out, 'el.js')));
  }
  rmSync(out, { recursive: true, force: true });
  console.log('goal: whole kit ≤ 20.00 KB gzip; npm test fails above 24.00 KB');
}
