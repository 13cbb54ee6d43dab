// Waline's server (`@waline/vercel`), measured in the same run as ours (`npm run bench -- server`;
// WALINE=0 leaves it out), against the same private PostgreSQL, beside the PostgreSQL floor.
//
// It is installed the first time the bench needs it, into a cache folder outside the repository
// (~/.cache/firm-widgets-bench/waline, or WALINE_CACHE), so neither CI nor `npm ci` pays for it.
// `--ignore-scripts` skips building its `sqlite3` dependency from source (10+ minutes here): on
// PostgreSQL Waline never loads it. It runs as Waline's own `vanilla.js` runs it (thinkjs,
// production), with one worker process, not one per core, as our server is one process. Its
// OAuth service list, which it fetches on every request, comes from a stub here; Akismet (on by
// default, with Waline's own key: a call to the internet per post) is turned off, the rest as
// Waline ships (Markdown rendered and sanitized on each read, per-address posting interval).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../free-port.mjs';

const VERSION = '1.39.3';
const CACHE = process.env.WALINE_CACHE ?? join(homedir(), '.cache', 'firm-widgets-bench', 'waline');
const PACKAGE = join(CACHE, 'node_modules', '@waline', 'vercel');
const START_TIMEOUT_MS = 90_000;
/**
 * Waline's runs are longer than ours, and wait longer for an answer: at 50 connections a
 * 100-comment page queues for many seconds there, and a run as short as ours counted almost
 * nothing but timeouts. Same connections, same requests.
 */
const WALINE_SECONDS = Number(process.env.WALINE_SECONDS ?? 30);
const WALINE_TIMEOUT_S = 60;
/** After the GET run, how long Waline may take to catch up, and how fast it then answers a small read. */
const IDLE_WAIT_MS = 120_000;
const IDLE_ANSWER_MS = 1000;

/**
 * The tables Waline reads and writes on PostgreSQL (its `wl_` prefix), written here from the
 * columns its storage layer uses; the repository's `assets/waline.pgsql` is the reference.
 */
const TABLES = `
create table wl_comment (id serial primary key, user_id int, comment text, insertedAt timestamp(0) not null default current_timestamp,
  ip varchar(100) default '', link varchar(255), mail varchar(255), nick varchar(255), pid int, rid int, sticky numeric,
  status varchar(50) not null default '', "like" int, ua text, url varchar(255),
  createdAt timestamp(0) default current_timestamp, updatedAt timestamp(0) default current_timestamp);
create table wl_counter (id serial primary key, time int, reaction0 int, reaction1 int, reaction2 int, reaction3 int, reaction4 int,
  reaction5 int, reaction6 int, reaction7 int, reaction8 int, url varchar(255) not null default '',
  createdAt timestamp(0) default current_timestamp, updatedAt timestamp(0) default current_timestamp);
create table wl_users (id serial primary key, display_name varchar(255) not null default '', email varchar(255) not null default '',
  password varchar(255) not null default '', type varchar(50) not null default '', label varchar(255), url varchar(255),
  avatar varchar(255), github varchar(255), twitter varchar(255), facebook varchar(255), google varchar(255), weibo varchar(255),
  qq varchar(255), oidc varchar(255), huawei varchar(255), "2fa" varchar(32),
  createdAt timestamp(0) default current_timestamp, updatedAt timestamp(0) default current_timestamp);
`;

/** Installs Waline into the cache folder unless that version is there. */
function install() {
  const installed = existsSync(join(PACKAGE, 'package.json')) && JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')).version == VERSION;
  if (installed) return;
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, 'package.json'), JSON.stringify({ name: 'waline-bench', private: true }));
  console.log(`installing @waline/vercel ${VERSION} into ${CACHE} (once; a few minutes) …`);
  execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', `@waline/vercel@${VERSION}`], { cwd: CACHE, stdio: 'inherit' });
}

/** Waline's vanilla.js with one worker (thinkjs forks one per core by default). */
const STARTER = `const path = require('node:path');
const Application = require('thinkjs');
const root = path.join(__dirname, 'node_modules', '@waline', 'vercel');
new Application({ ROOT_PATH: root, APP_PATH: path.join(root, 'src'), proxy: true, env: 'production' }).run();
think.config('workers', 1);
`;

/** A free local port (thinkjs takes its port on the command line). */
/** The process's children (thinkjs's worker), from /proc. */
const children = (pid) =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);

/** Resident memory of a process and its children, now and at each one's peak, in MB. */
function treeMemory(pids) {
  let rss = 0;
  let peak = 0;
  for (const pid of pids) {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    rss += kb('VmRSS');
    peak += kb('VmHWM');
  }
  return { rss: Math.round(rss / 1024), peak: Math.round(peak / 1024) };
}

/**
 * Runs Waline and measures a GET of 100 comments and a POST comment. Resolves with a row for the
 * table, or with `{ name, error }` saying why it could not run.
 */
export async function waline({ dir, cluster, load, address, page }) {
  const name = `Waline ${VERSION}, PostgreSQL`;
  let proc;
  let stub;
  let worker;
  try {
    install();
    execFileSync('psql', [cluster.url, '-qc', 'create database waline']);
    const db = cluster.url.replace('/postgres?', '/waline?');
    execFileSync('psql', [db, '-qc', TABLES]);
    writeFileSync(join(CACHE, 'bench-start.cjs'), STARTER);

    // Waline asks this for its OAuth services on every request.
    stub = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"services":[]}'));
    await new Promise((resolve) => stub.listen(0, '127.0.0.1', resolve));
    const port = await freePort();
    const logFile = join(dir, 'waline-log.txt');
    const out = openSync(logFile, 'a');
    proc = spawn(process.execPath, [join(CACHE, 'bench-start.cjs'), String(port)], {
      cwd: CACHE,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PG_DB: 'waline',
        PG_HOST: cluster.dir,
        PG_PORT: '5432',
        PG_USER: 'postgres',
        PG_PASSWORD: '',
        JWT_TOKEN: 'bench',
        OAUTH_URL: `http://127.0.0.1:${stub.address().port}`,
        AKISMET_KEY: 'false',
      },
    });
    const base = `http://127.0.0.1:${port}`;
    const end = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`it stopped at start: ${readFileSync(logFile, 'utf8').slice(-600)}`);
      if (Date.now() > end) throw new Error(`it did not answer within ${START_TIMEOUT_MS / 1000} s: ${readFileSync(logFile, 'utf8').slice(-600)}`);
      const up = await fetch(`${base}/api/comment?path=/none`).then((r) => r.ok, () => false);
      if (up) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    const path = '/bench/';
    const postOne = (i, to = address()) =>
      fetch(`${base}/api/comment`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': to },
        body: JSON.stringify({ url: path, nick: `Reader ${i}`, mail: `r${i}@example.com`, link: i % 3 ? '' : `https://reader${i}.example/`, comment: `Comment ${i}: the visa interview went well and your checklist of documents saved us a second trip.\nThank you.`, ua: 'bench' }),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    for (let i = 0; i < page; i++) {
      const r = await postOne(i);
      // Waline answers a refusal with 200 and an errno.
      if (r.status != 200 || r.body.errno) throw new Error(`seeding: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    }
    const get = `/api/comment?path=${encodeURIComponent(path)}&pageSize=${page}&page=1&lang=en`;
    const listed = (await (await fetch(base + get)).json()).data;
    if (listed?.data?.length != page) throw new Error(`its page has ${listed?.data?.length} comments, not ${page}: ${JSON.stringify(listed).slice(0, 300)}`);

    [worker] = children(proc.pid);
    const count = () => Number(execFileSync('psql', [db, '-Atc', 'select count(*) from wl_comment'], { encoding: 'utf8' }));
    const getRun = await load(base + get, { method: 'GET', path: get, headers: { origin: 'https://bench.example' } }, WALINE_SECONDS, worker, WALINE_TIMEOUT_S);
    // The GET run leaves pages still being built for requests autocannon gave up on: the POST
    // run starts once Waline answers a small read again, not behind that queue.
    const idleBy = Date.now() + IDLE_WAIT_MS;
    for (;;) {
      const started = Date.now();
      await fetch(`${base}/api/comment?path=/none`).catch(() => undefined);
      if (Date.now() - started < IDLE_ANSWER_MS || Date.now() > idleBy) break;
    }
    const before = count();
    let n = 0;
    const comment = await load(
      `${base}/api/comment`,
      {
        method: 'POST',
        path: '/api/comment',
        setupRequest: (req) => {
          n++;
          return { ...req, headers: { 'content-type': 'application/json', origin: 'https://bench.example', 'x-forwarded-for': address() }, body: JSON.stringify({ url: `/writes-${n % 50}/`, nick: `Visitor ${n}`, mail: `v${n}@example.com`, link: '', comment: `Comment number ${n}: thank you for the clear explanation.`, ua: 'bench' }) };
        },
      },
      WALINE_SECONDS,
      worker,
      WALINE_TIMEOUT_S,
    );
    // Its refusals are 200s: what was stored is counted in the database.
    comment.stored = count() - before;
    return { name, get: getRun, comment, message: undefined, memory: treeMemory([proc.pid, worker]) };
  } catch (e) {
    return { name, error: String(e.message ?? e).replace(/\s+/g, ' ').slice(0, 400) };
  } finally {
    if (proc && proc.exitCode === null) {
      const stopped = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    }
    // Its worker, should it outlive the master.
    for (const pid of worker ? [worker] : []) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone with the master.
      }
    }
    stub?.close();
  }
}
