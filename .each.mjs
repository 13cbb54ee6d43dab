import { build } from 'vite';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
const W = process.cwd() + '/src/';
const size = async (lines) => {
  writeFileSync('/tmp/base/e.ts', lines.map((l) => `export * from '${W}${l}';`).join('\n'));
  await build({ logLevel: 'silent', configFile: false, plugins: [minifyLiterals()], build: { outDir: '/tmp/base/out', emptyOutDir: true, target: 'es2021', minify: true,
    lib: { entry: '/tmp/base/e.ts', formats: ['es'], fileName: () => 'b.js' }, rolldownOptions: { output: { minify: true } } } });
  return gzipSync(readFileSync('/tmp/base/out/b.js'), { level: 9 }).length;
};
const base = ['elements/language-badge/language-badge.js', 'elements/contact-form/contact-form.js', 'elements/office-hours/office-hours.js'];
const b = await size(base);
const card = 'elements/contact-card/contact-card.js', button = 'elements/call-button/call-button.js', bio = 'elements/author-bio/author-bio.js';
const r = { base: b };
for (const [n, l] of Object.entries({ card: [card], button: [button], bio: [bio], all: [card, button, bio] })) r[n] = (await size([...base, ...l])) - b;
console.log(JSON.stringify(r));
