// A private PostgreSQL 15 (Debian 12's) for the tests and the benchmark: installed if missing
// (as root, with apt-get), a cluster made by initdb in a temporary folder, listening only on a
// Unix socket there; `stop()` stops it and deletes the folder.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const VERSION = 15;
const BIN = `/usr/lib/postgresql/${VERSION}/bin`;
const PACKAGE = `postgresql-${VERSION}`;
const root = process.getuid?.() === 0;

function installed() {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', PACKAGE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes('install ok installed');
  } catch {
    return existsSync(`${BIN}/initdb`);
  }
}

/** Installs Debian's PostgreSQL when missing; throws with the command to run when it cannot. */
export function ensurePostgres(log = console.log) {
  if (installed()) return;
  if (!root || !existsSync('/usr/bin/apt-get')) throw new Error(`PostgreSQL ${VERSION} is needed: sudo apt-get install ${PACKAGE}`);
  log(`installing ${PACKAGE} …`);
  execFileSync('/bin/bash', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${PACKAGE} >/dev/null`], { stdio: 'inherit' });
}

// PostgreSQL refuses to run as root: as root, the cluster belongs to the package's postgres user.
const as = (cmd, args, options = {}) => (root ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], options) : execFileSync(cmd, args, options));

/** Starts a fresh cluster; resolves with its URL, its version and `stop()`. */
export function startCluster() {
  const dir = mkdtempSync(join(tmpdir(), 'fws-pg-'));
  const data = join(dir, 'data');
  if (root) {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, id('-u'), id('-g'));
  }
  let running = false;
  const stop = () => {
    if (running) {
      running = false;
      try {
        as(`${BIN}/pg_ctl`, ['-D', data, '-m', 'fast', '-w', 'stop'], { stdio: 'ignore' });
      } catch (e) {
        console.error(`[postgres] could not stop the cluster: ${e.message}`);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    as(`${BIN}/initdb`, ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'], { stdio: 'ignore' });
    // Only the socket in our folder: nothing listens on the network.
    as(`${BIN}/pg_ctl`, ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', `-k ${dir} -c listen_addresses='' -c max_connections=300`, 'start'], { stdio: 'ignore' });
    running = true;
    const url = `postgres://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`;
    const version = execFileSync('psql', [url, '-Atc', 'show server_version'], { encoding: 'utf8' }).trim();
    return { url, dir, version, stop };
  } catch (e) {
    stop();
    throw e;
  }
}
