// `npm run test:postgres`: the server's whole test suite again, on a private PostgreSQL 15
// (pg-cluster.mjs: initdb in a temporary folder, a Unix socket only), stopped and deleted at the
// end, also on failure or Ctrl-C.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensurePostgres, startCluster } from './pg-cluster.mjs';

const SERVER = fileURLToPath(new URL('..', import.meta.url));
// No test run may hang CI.
const SUITE_LIMIT_MS = 15 * 60_000;
const log = (...a) => console.log('[postgres]', ...a);
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

let cluster;
let suite;
const bail = () => {
  suite?.kill('SIGTERM');
  cluster?.stop();
  process.exit(130);
};
process.once('SIGINT', bail);
process.once('SIGTERM', bail);

let code = 1;
try {
  ensurePostgres(log);
  cluster = startCluster();
  log(`PostgreSQL ${cluster.version} on ${cluster.dir} ready after ${seconds()} s`);
  code = await new Promise((done) => {
    suite = spawn('npm', ['run', '--silent', 'test'], { cwd: SERVER, stdio: 'inherit', env: { ...process.env, FIRM_TEST_DATABASE_URL: cluster.url } });
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
  cluster?.stop();
}
log(`${code === 0 ? '✔' : '✖'} test:postgres ${code === 0 ? 'passed' : 'failed'} in ${seconds()} s`);
process.exit(code);
