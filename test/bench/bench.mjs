// `npm run bench`: prints figures, never fails on a timing. Runs every test/bench/*.bench.mjs in
// name order; each exports `default async function (ctx)` and prints its own lines.
import { readdirSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { findChrome } from '../chrome.mjs';

const only = process.argv.slice(2).find((a) => !a.startsWith('--'));
process.env.CHROME_PATH = findChrome();
if (!process.argv.includes('--no-build')) execSync('npm run --silent build', { stdio: 'inherit' });

const dir = new URL('.', import.meta.url);
for (const file of readdirSync(dir).filter((f) => f.endsWith('.bench.mjs')).sort()) {
  if (only && !file.includes(only)) continue;
  console.log(`\n## ${file.replace('.bench.mjs', '')}`);
  const { default: run } = await import(new URL(file, dir));
  await run({ chrome: process.env.CHROME_PATH });
}
