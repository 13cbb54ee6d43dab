// `npm run test:wordpress`: installs what is missing, builds the plugin zip, starts a real WordPress
// with its own MariaDB (site.mjs), runs test/wordpress/*.test.mjs with node's test runner against
// it, and stops everything at the end, also on failure or Ctrl-C.
//   node test/wordpress/run.mjs [--wp=6.1,6.8,7.1] [--no-build] [--keep] [name…]
// (--wp picks the WordPress releases, all three by default; names narrow the test files)
import { execFileSync, execSync, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePackages, ensureWordPress, startSite, ROOT, WORDPRESS } from './site.mjs';
import { findChrome } from '../chrome.mjs';

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--') && !a.startsWith('--wp=')));
// --wp=7.1 (or --wp=6.1,6.8,7.1): the WordPress releases to run on; by default all three, each
// with every file (2 to 3 minutes a release).
const chosen = args.find((a) => a.startsWith('--wp='));
const versions = (chosen?.slice(5).split(',') ?? Object.keys(WORDPRESS)).filter(Boolean);
for (const v of versions) {
  if (!WORDPRESS[v]) {
    console.error(`firm-widgets: --wp=${v}: the tests know WordPress ${Object.keys(WORDPRESS).join(', ')}`);
    process.exit(1);
  }
}
const names = args.filter((a) => !a.startsWith('--'));
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

ensurePackages();
process.env.CHROME_PATH = findChrome();
if (!flags.has('--no-build')) execSync('npm run --silent build:wordpress', { cwd: ROOT, stdio: 'inherit' });

// Every PHP file of the plugin parses (php -l), before anything starts.
const phpFiles = (function walk(d) {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.php') ? [join(d, e.name)] : []));
})(join(ROOT, 'wordpress/firm-widgets'));
for (const file of phpFiles) {
  try {
    execSync(`php -l ${JSON.stringify(file)}`, { stdio: 'pipe' });
  } catch (e) {
    console.error(`✖ ${e.stdout}${e.stderr}`);
    process.exit(1);
  }
}
// What WordPress's Plugin Check would refuse (php/plugin-check.php), and stale translations.
for (const [what, args] of [
  ['plugin check', ['php', [join(ROOT, 'test/wordpress/php/plugin-check.php'), join(ROOT, 'wordpress/firm-widgets')]]],
  ['translations', [process.execPath, [join(ROOT, 'wordpress/i18n.mjs'), 'check']]],
]) {
  try {
    execFileSync(args[0], args[1], { stdio: 'pipe' });
  } catch (e) {
    console.error(`✖ ${what}:\n${e.stdout}${e.stderr}`);
    process.exit(1);
  }
}
console.log(`[wordpress] php -l on ${phpFiles.length} files, plugin check and translations: clean`);

const dir = join(ROOT, 'test/wordpress');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.test.mjs') && (!names.length || names.some((n) => f.includes(n))))
  .sort()
  .map((f) => join(dir, f));
if (!files.length) {
  console.error(`firm-widgets: no test file in test/wordpress matches ${names.join(' ')}`);
  process.exit(1);
}

let stop = async () => {};
let runner;
const bail = (signal) => {
  runner?.kill(signal);
  stop().finally(() => process.exit(130));
};
process.once('SIGINT', bail);
process.once('SIGTERM', bail);

/** Runs `list` (test files) against WordPress `version`, on a site of its own; resolves to the exit code. */
async function runOn(version, list) {
  const began = Date.now();
  let code = 1;
  try {
    const started = await startSite({ keep: flags.has('--keep'), wordpress: ensureWordPress(version) });
    stop = started.stop;
    const { site } = started;
    console.log(`[wordpress] WordPress ${site.versions.wordpress}, PHP ${site.versions.php}, MariaDB ${site.versions.db} ready after ${seconds()} s`);
    code = await new Promise((done) => {
      // No test may hang CI: each test file gets 6 minutes (node applies the limit to a file's
      // tests together: 03-messages took 190 s on a loaded machine), a release's run 20.
      runner = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-timeout=360000', '--test-reporter=spec', ...list], {
        cwd: ROOT,
        stdio: 'inherit',
        env: { ...process.env, FIRM_WP: JSON.stringify(site) },
      });
      const limit = setTimeout(() => {
        console.error(`✖ WordPress ${version} ran for 20 minutes; stopping it`);
        runner.kill('SIGTERM');
      }, 20 * 60_000);
      runner.on('exit', (c, signal) => {
        clearTimeout(limit);
        done(c ?? (signal ? 1 : 0));
      });
    });
    // WordPress itself logs deprecations on PHP 8.2; anything from our plugin fails the run.
    const log = site.debugLog();
    const ours = log.split('\n').filter((l) => l.includes('/plugins/firm-widgets/'));
    if (ours.length) {
      console.error(`\n✖ the plugin wrote to PHP's log on WordPress ${version}:\n${ours.join('\n')}`);
      code ||= 1;
    } else if (code && log.trim()) console.log(`\n[wordpress] PHP's debug log:\n${log}`);
  } catch (e) {
    console.error(`\n✖ WordPress ${version}: could not start the site: ${e.stack ?? e}`);
  } finally {
    await stop();
  }
  timings.push(`WordPress ${version}: ${code === 0 ? 'passed' : 'FAILED'}, ${list.length} files in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  return code;
}

const timings = [];
let code = 0;
for (const version of versions) code = (await runOn(version, files)) || code;
for (const line of timings) console.log(`[wordpress] ${line}`);
console.log(`[wordpress] ${code === 0 ? '✔' : '✖'} test:wordpress ${code === 0 ? 'passed' : 'failed'} in ${seconds()} s`);
process.exit(code);
