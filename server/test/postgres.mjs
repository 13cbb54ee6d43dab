// `npm run test:postgres`: the server's whole test suite again, on a private PostgreSQL 15
// (Debian 12's): installed if missing (as root, with apt-get), a cluster made by initdb in a
// temporary folder, listening only on a Unix socket there, stopped and deleted at the end, also
// on failure or Ctrl-C.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('..', import.meta.url));
const VERSION = 15;
const BIN = `/usr/lib/postgresql/${VERSION}/bin`;
const PACKAGE = `postgresql-${VERSION}`;
// No test run may hang CI.
const SUITE_LIMIT_MS = 15 * 60_000;
const log = (...a) => console.log('[postgres]', ...a);
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const root = process.getuid?.() === 0;

function installed() {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', PACKAGE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes('install ok installed');
  } catch {
    return existsSync(`${BIN}/initdb`);
  }
}

if (!installed()) {
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.error(`firm-widgets-server: test:postgres needs Debian's PostgreSQL ${VERSION}: sudo apt-get install ${PACKAGE}`);
    process.exit(1);
  }
  log(`installing ${PACKAGE} …`);
  execFileSync('/bin/bash', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${PACKAGE} >/dev/null`], { stdio: 'inherit' });
}

// PostgreSQL refuses to run as root: as root, the cluster belongs to the package's postgres user.
const as = (cmd, args, options = {}) =>
  root ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], options) : execFileSync(cmd, args, options);

const dir = mkdtempSync(join(tmpdir(), 'fws-pg-'));
const data = join(dir, 'data');
if (root) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })));

let running = false;
function stop() {
  if (running) {
    running = false;
    try {
      as(`${BIN}/pg_ctl`, ['-D', data, '-m', 'fast', '-w', 'stop'], { stdio: 'ignore' });
    } catch (e) {
      console.error(`[postgres] could not stop the cluster: ${e.message}`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

let suite;
const bail = () => {
  suite?.kill('SIGTERM');
  stop();
  process.exit(130);
};
process.once('SIGINT', bail);
process.once('SIGTERM', bail);

let code = 1;
try {
  as(`${BIN}/initdb`, ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'], { stdio: 'ignore' });
  // Only the socket in our folder: nothing listens on the network.
  as(`${BIN}/pg_ctl`, ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', `-k ${dir} -c listen_addresses='' -c max_connections=300`, 'start'], { stdio: 'ignore' });
  running = true;
  const url = `postgres://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`;
  const version = execFileSync('psql', [url, '-Atc', 'show server_version'], { encoding: 'utf8' }).trim();
  log(`PostgreSQL ${version} on ${dir} ready after ${seconds()} s`);
  code = await new Promise((done) => {
    suite = spawn('npm', ['run', '--silent', 'test'], { cwd: SERVER, stdio: 'inherit', env: { ...process.env, FIRM_TEST_DATABASE_URL: url } });
    const limit = setTimeout(() => {
      console.error(`✖ test:postgres ran for ${SUITE_LIMIT_MS / 60_000} minutes; stopping it`);
      suite.kill('SIGTERM');
    }, SUITE_LIMIT_MS);
    suite.on('exit', (c, signal) => {
      clearTimeout(limit);
      done(c ?? (signal ? 1 : 0));
    });
  });
} catch (e) {
  console.error(`✖ test:postgres could not start PostgreSQL: ${e.message}`);
} finally {
  stop();
}
log(`${code === 0 ? '✔' : '✖'} test:postgres ${code === 0 ? 'passed' : 'failed'} in ${seconds()} s`);
process.exit(code);
