// firm-widgets-server under load (`npm run bench -- server`), on SQLite and on PostgreSQL, beside
// the floor: a bare node:http handler with one prepared query (server-floor.mjs). autocannon, 50
// connections: GET a page of 100 comments, POST comments, POST messages. The server runs as a
// webmaster runs it (the command, its config), with validation, CORS, the per-address limits
// (each request from its own address through X-Forwarded-For, as behind a proxy), daily caps and
// JSON logs (to a file) on. Each process's resident memory is read from /proc after its runs.
//   BENCH_SECONDS=12 (each target and kind of request, taken in BENCH_ROUNDS=3 turns with the other targets), BENCH_DB=sqlite or BENCH_DB=pg runs one database only (its floor
//   too), BENCH_BASELINE=path/to/bin/firm-widgets-server.mjs also runs another copy of the
//   command (an older commit, checked out elsewhere) in the same run; WALINE=0 leaves out Waline's
//   server, which otherwise runs on the same PostgreSQL after ours (server-waline.mjs: installed
//   on first use into a cache folder outside the repository).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { ensurePostgres, startCluster } from '../../server/test/pg-cluster.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
/** Each target's SECONDS are taken in this many turns with the others (see measureTogether). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ONLY = process.env.BENCH_DB;
const BASELINE = process.env.BENCH_BASELINE;
const WARMUP_SECONDS = 2;
const CONNECTIONS = 50;
const PAGE = 100;
const BIN = fileURLToPath(new URL('../../server/bin/firm-widgets-server.mjs', import.meta.url));
const FLOOR = fileURLToPath(new URL('./server-floor.mjs', import.meta.url));

/** Starts a server process, its output (the JSON logs too) to a file; resolves once it printed where it listens. */
function launch(args, env, dir) {
  const logFile = join(dir, `log-${Date.now()}.txt`);
  const out = openSync(logFile, 'a');
  const proc = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  return new Promise((resolve, reject) => {
    const end = Date.now() + 60_000;
    const poll = setInterval(() => {
      const seen = readFileSync(logFile, 'utf8');
      const m = /listening on (http:\/\/\S+)/.exec(seen);
      if (m) {
        clearInterval(poll);
        resolve({ base: m[1], proc, stop: () => new Promise((r) => (proc.once('exit', r), proc.kill('SIGTERM'))) });
      } else if (Date.now() > end || proc.exitCode !== null) {
        clearInterval(poll);
        proc.kill('SIGKILL');
        reject(new Error(`no start: ${seen}`));
      }
    }, 100);
  });
}

/** CPU time the process has used, in ms (user + system, from /proc). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are the 14th and 15th fields, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident memory now and at its peak, in MB. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

let counter = 0;
/** A visitor's address per request, so the per-address limits count as they would in real traffic. */
const address = () => {
  const n = ++counter;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

/** autocannon against `url`; with `pid`, also the server's CPU time per answered request. `timeout` in seconds (autocannon's default 10). */
function load(url, request, seconds = SECONDS, pid, timeout = 10) {
  const cpuBefore = pid ? cpuMs(pid) : 0;
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout, requests: [request] }, (err, r) => {
      if (err) return reject(err);
      const cpuUsed = pid ? cpuMs(pid) - cpuBefore : undefined;
      const cpu = pid ? Math.round((cpuUsed * 1000) / Math.max(1, r.requests.total)) : undefined;
      resolve({ rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, bad: r.non2xx + r.errors + r.timeouts, cpu, total: r.requests.total, seconds: r.duration, cpuUsed });
    });
  });
}

/**
 * Runs of one target, taken in turns with the others, as one figure: requests/s over all its
 * runs, the middle p50, the worst p99, CPU time per request over all of them.
 */
function combined(runs) {
  const total = runs.reduce((n, r) => n + r.total, 0);
  const seconds = runs.reduce((n, r) => n + r.seconds, 0);
  const p50s = runs.map((r) => r.p50).sort((a, b) => a - b);
  return {
    rps: Math.round(total / seconds),
    p50: p50s[Math.floor(p50s.length / 2)],
    p99: Math.max(...runs.map((r) => r.p99)),
    bad: runs.reduce((n, r) => n + r.bad, 0),
    cpu: Math.round((runs.reduce((n, r) => n + r.cpuUsed, 0) * 1000) / Math.max(1, total)),
  };
}

const commentBody = () => {
  const n = ++counter;
  return JSON.stringify({ thread: `writes-${n % 50}`, parent: '', name: `Visitor ${n}`, email: `v${n}@example.com`, url: '', content: `Comment number ${n}: thank you for the clear explanation.`, firm_hp: '', firm_elapsed: 9000 });
};
const messageBody = () => {
  const n = ++counter;
  return JSON.stringify({ name: `Visitor ${n}`, email: `v${n}@example.com`, phone: '', language: 'en', topic: 'Visas', message: `Message number ${n}: please call me about my case.`, consent: true, page: 'https://bench.example/contact/', key: `k${n}`, firm_hp: '', firm_elapsed: 30000 });
};
const post = (path, body) => ({
  method: 'POST',
  path,
  setupRequest: (req) => ({ ...req, headers: { 'content-type': 'application/json', origin: 'https://bench.example', 'x-forwarded-for': address() }, body: body() }),
});

async function seed(base, path) {
  for (let i = 0; i < PAGE; i++) {
    const res = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address() },
      body: JSON.stringify({ thread: 'bench', parent: '', name: `Reader ${i}`, email: `r${i}@example.com`, url: i % 3 ? '' : `https://reader${i}.example/`, content: `Comment ${i}: the visa interview went well and your checklist of documents saved us a second trip.\nThank you.`, firm_hp: '', firm_elapsed: 9000 }),
    });
    if (res.status != 201) throw new Error(`seeding: ${res.status} ${await res.text()}`);
  }
}

const KINDS = ['get', 'comment', 'message'];
const requests = {
  get: (p) => ({ method: 'GET', path: p.get, headers: { origin: 'https://bench.example' } }),
  comment: (p) => post(p.comment, commentBody),
  message: (p) => post(p.message, messageBody),
};

/**
 * The targets on one database (the floor, ours, maybe a baseline), all started and seeded with
 * 100 comments, then measured in turns: each kind of request in ROUNDS runs per target,
 * the order reversed every round. The machine is shared and its load swings within seconds; in
 * turns, each target meets the same swings, and the ratios to the floor mean something.
 */
async function measureTogether(targets) {
  const servers = [];
  try {
    for (const t of targets) {
      const server = await t.start();
      servers.push({ ...t, server });
      await seed(server.base, t.paths.comment);
      const listing = (await (await fetch(server.base + t.paths.get)).json()).comments.length;
      if (listing != PAGE) throw new Error(`${t.name}: the page has ${listing} comments, not ${PAGE}`);
      // Each kind of request first runs unmeasured: V8 compiles a server's hot code over its first
      // thousands of requests, on its own threads but on the same two cores. Measured on ours, the
      // posts' first turn cost about 130 µs more CPU per request than the later ones (the floor's
      // 30 lines compile in a moment): the figures are a running server's, not its first minute's.
      for (const kind of KINDS) await load(server.base + t.paths[kind], requests[kind](t.paths), WARMUP_SECONDS);
    }
    const runs = new Map(servers.map((s) => [s.name, { get: [], comment: [], message: [] }]));
    for (const kind of KINDS) {
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 ? [...servers].reverse() : servers;
        for (const s of order) runs.get(s.name)[kind].push(await load(s.server.base + s.paths[kind], requests[kind](s.paths), SECONDS / ROUNDS, s.server.proc.pid));
      }
    }
    return servers.map((s) => {
      const r = runs.get(s.name);
      return { name: s.name, get: combined(r.get), comment: combined(r.comment), message: combined(r.message), memory: memory(s.server.proc.pid) };
    });
  } finally {
    for (const s of servers) await s.server.stop();
  }
}

const cell = (r, floor) =>
  !r
    ? 'not measured'
    : `${String(r.rps).padStart(5)}/s ${String(r.p50).padStart(3)}/${String(r.p99).padStart(4)} ms ${String(r.cpu).padStart(4)} µs${floor ? ` ${((r.rps / floor.rps) * 100).toFixed(0).padStart(3)}%` : '     '}${r.bad ? ` (${r.bad} not 2xx)` : ''}${r.stored !== undefined ? ` (${r.stored} stored)` : ''}`;

export default async function run() {
  // The command runs the server as built (JavaScript, no compiler loaded), as an installed copy does.
  execFileSync('npm', ['run', '--silent', '-w', 'firm-widgets-server', 'build'], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'fws-bench-'));
  let cluster;
  const rows = [];
  try {
    ensurePostgres();
    cluster = startCluster();
    // Each target its own config and data folder.
    const config = (name) => {
      const file = join(dir, `config-${name}.jsonc`);
      writeFileSync(
        file,
        JSON.stringify({
          port: 0,
          data: join(dir, `data-${name}`),
          log: 'info',
          // autocannon connects from this machine, as nginx would (a baseline older than trustProxy's
          // lists would need true, which today's server refuses).
          trustProxy: ['loopback'],
          sites: [{ id: 'bench', origins: ['https://bench.example'], moderation: 'approve', notify: ['office@bench.example'], dailyComments: 1_000_000, dailyMessages: 1_000_000 }],
        }),
      );
      return file;
    };
    const ours = { get: `/api/bench/comments?thread=bench&per_page=${PAGE}`, comment: '/api/bench/comments', message: '/api/bench/messages' };
    const floor = { get: '/comments?thread=bench', comment: '/comments', message: '/messages' };
    const pgUrl = (db) => cluster.url.replace('/postgres?', `/${db}?`);
    for (const db of ['floor', 'ours', 'base']) execFileSync('psql', [cluster.url, '-qc', `create database ${db}`]);

    if (ONLY != 'pg') {
      const targets = [{ name: 'floor: node:http + better-sqlite3', start: () => launch([FLOOR, 'sqlite', dir], {}, dir), paths: floor }];
      if (BASELINE) targets.push({ name: 'baseline, SQLite', start: () => launch([BASELINE, 'start', '--config', config('base-sqlite')], { DATABASE_URL: '' }, dir), paths: ours });
      targets.push({ name: 'firm-widgets-server, SQLite', start: () => launch([BIN, 'start', '--config', config('sqlite')], { DATABASE_URL: '' }, dir), paths: ours });
      rows.push(...(await measureTogether(targets)));
    }
    if (ONLY != 'sqlite') {
      const targets = [{ name: 'floor: node:http + pg', start: () => launch([FLOOR, 'pg', pgUrl('floor')], {}, dir), paths: floor }];
      if (BASELINE) targets.push({ name: 'baseline, PostgreSQL', start: () => launch([BASELINE, 'start', '--config', config('base-pg')], { DATABASE_URL: pgUrl('base') }, dir), paths: ours });
      targets.push({ name: 'firm-widgets-server, PostgreSQL', start: () => launch([BIN, 'start', '--config', config('pg')], { DATABASE_URL: pgUrl('ours') }, dir), paths: ours });
      rows.push(...(await measureTogether(targets)));
    }
    if (process.env.WALINE != '0' && ONLY != 'sqlite') {
      const { waline } = await import('./server-waline.mjs');
      rows.push(await waline({ dir, cluster, load, address, page: PAGE }));
    }
  } finally {
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const waline = rows.find((r) => r.name.startsWith('Waline') && !r.error);
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end; ${CONNECTIONS} connections, ${SECONDS} s per target in ${ROUNDS} turns (Waline: see server-waline.mjs): requests/s, latency p50/p99, the server's CPU time per request, % of the floor's requests/s on the same database; PostgreSQL ${cluster?.version}\n`);
  console.log(`| ${'server'.padEnd(34)} | ${'GET 100 comments'.padEnd(36)} | ${'POST comment'.padEnd(36)} | ${'POST message'.padEnd(36)} | memory (peak) |`);
  console.log(`|${'-'.repeat(36)}|${'-'.repeat(38)}|${'-'.repeat(38)}|${'-'.repeat(38)}|---------------|`);
  for (const r of rows) {
    if (r.error) {
      console.log(`| ${r.name.padEnd(34)} | could not run: ${r.error}`);
      continue;
    }
    const base = r.name.includes('PostgreSQL') ? rows.find((x) => x.name == 'floor: node:http + pg') : r.name.includes('SQLite') ? rows.find((x) => x.name == 'floor: node:http + better-sqlite3') : undefined;
    console.log(`| ${r.name.padEnd(34)} | ${cell(r.get, base?.get).padEnd(36)} | ${cell(r.comment, base?.comment).padEnd(36)} | ${cell(r.message, base?.message).padEnd(36)} | ${`${r.memory.rss} (${r.memory.peak}) MB`.padEnd(13)} |`);
  }
  if (waline) {
    // How many times Waline's rate each of ours is, on the two things both do.
    const times = (ours, theirs) => (theirs.rps ? `${(ours.rps / theirs.rps).toFixed(0)}×` : '—');
    for (const r of rows.filter((x) => x.name.startsWith('firm-widgets-server'))) console.log(`${r.name} against Waline: GET ${times(r.get, waline.get)}, POST comment ${times(r.comment, waline.comment)}`);
  }
}
