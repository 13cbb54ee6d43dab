// `npm test`: the one gate. Type check, lint, build, browser tests, size budget — in that order,
// stopping at the first failure, with the time each step took.
import { execSync } from 'node:child_process';
import { gzipSize } from './gzip-size.mjs';
import { findChrome } from './chrome.mjs';

// DESIGN.md: the whole kit fails above 24 KB gzip and aims at 20 KB.
const BUDGET = 24 * 1024;
const GOAL = 20 * 1024;

process.env.CHROME_PATH = findChrome();

const steps = [
  ['type check', 'npm run --silent typecheck'],
  ['lint', 'npm run --silent lint'],
  ['build', 'npm run --silent build'],
  ['docs', 'node test/docs-check.mjs'],
  ['server tests', 'npm run --silent -w firm-widgets-server test'],
  ['browser tests', 'npx web-test-runner'],
];

const started = Date.now();
for (const [name, command] of steps) {
  const t = Date.now();
  console.log(`\n▶ ${name}: ${command}`);
  try {
    execSync(command, { stdio: 'inherit' });
  } catch {
    console.error(`\n✖ ${name} failed`);
    process.exit(1);
  }
  console.log(`✔ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}

const gz = gzipSize('dist/firm-widgets.js');
const verdict = gz > BUDGET ? 'OVER the 24 KB budget' : gz > GOAL ? 'within the 24 KB budget, over the 20 KB goal' : 'within the 20 KB goal';
console.log(`\nsize: dist/firm-widgets.js is ${gz} bytes gzip -9 (${(gz / 1024).toFixed(2)} KB; budget ${BUDGET}, goal ${GOAL}): ${verdict}`);
console.log(`total: ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (gz > BUDGET) {
  console.error('✖ size: over budget (see `npm run bench -- size` for where the bytes are)');
  process.exit(1);
}
