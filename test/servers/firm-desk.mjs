// /admin, /link/… and /api/desk/…: the real firm-widgets-server (server/), its desk included,
// answered on the test page's own origin (the app's router handles the request itself), so the
// desk's SameSite=Strict cookie and its Content-Security-Policy behave as on a real server.
// The desk's bundle is built once, on the first request (npm run build:admin).
// One server (database, mail folder, accounts) per browser engine (lib/engine.mjs): Firefox and
// WebKit run side by side, and with one server between them each engine's desk listed, approved,
// mailed and erased the other's comments (the same words in both queues, a "Marta Ruiz" the other
// engine had just posted, an .eml file the other engine's outbox call had taken).
// Test controls under /test-api/firm-desk/:
//   GET  ready                      → {ready: true} once the server is up (the first call builds the desk: seconds)
//   POST staff?role=owner|moderator → {email, password}: an account made as add-user makes it, its password set through the link
//   POST outbox                     → runs the mail worker once → {files: {name: text}} of the .eml files written since
//   GET  holds?needle=…             → {found: boolean}: whether any table of the database holds that text
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { perEngine } from './lib/engine.mjs';

const SITE = 'desk';
const PASSWORD = 'a long enough desk password';
let accounts = 0;
let built;

// Once for all engines: two builds at once would write the same files.
const buildDesk = () => {
  built ??= Promise.resolve().then(() => execSync('npm run --silent build:admin', { cwd: fileURLToPath(new URL('../../server/', import.meta.url)), stdio: 'ignore' }));
  return built;
};

async function start(engine, origin) {
  const here = import.meta.url;
  await buildDesk();
  const { readConfig } = await tsImport('../../server/src/config.ts', here);
  const { openStore } = await tsImport('../../server/src/db/index.ts', here);
  const { buildApp } = await tsImport('../../server/src/app.ts', here);
  const { Outbox } = await tsImport('../../server/src/outbox.ts', here);
  const { addUser } = await tsImport('../../server/src/desk/users.ts', here);
  // Passwords hashed at scrypt N=2^10, as in the server's own tests (server/test/helpers.ts, which
  // says why); the server's tests hash once at OWASP's N=2^17.
  const { SCRYPT, TEST_COST } = await tsImport('../../server/src/auth.ts', here);
  globalThis[TEST_COST] = { ...SCRYPT, N: 2 ** 10 };
  const dir = mkdtempSync(join(tmpdir(), `fws-desk-${engine}-`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const config = readConfig(
    {
      log: 'silent',
      data: dir,
      publicUrl: origin,
      // The tests type faster than people and all come from one address.
      spam: { minElapsedMs: 0, perAddress: { comments: 10_000, messages: 10_000 } },
      sites: [{ id: SITE, name: 'Reyes Law', origins: ['http://localhost:*', 'http://127.0.0.1:*'], notify: ['office@desk.example'], moderators: ['mod@desk.example'] }],
    },
    dir,
  );
  const store = await openStore(config);
  const app = await buildApp({ config, store, logger: false });
  await app.ready();
  const outbox = new Outbox({ db: store.db, config, log: app.log });
  // The .eml files an `outbox` call has returned already.
  const seen = new Set();
  return { app, store, config, outbox, addUser, dir, seen };
}

const serverFor = perEngine((engine, ctx) => start(engine, ctx.origin));

async function control(s, name, ctx) {
  switch (name) {
    case 'ready':
      return { ready: true };
    case 'staff': {
      const email = `staff${++accounts}@desk.example`;
      const { link } = await s.addUser(s.store, s.config, email, ctx.query.role ?? 'owner', ctx.query.role == 'moderator' ? [SITE] : [], new Date());
      const set = await s.app.inject({ method: 'POST', url: new URL(link).pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ password: PASSWORD, again: PASSWORD }).toString() });
      if (set.statusCode != 200) throw new Error(`set-password: ${set.statusCode}`);
      return { email, password: PASSWORD };
    }
    case 'outbox': {
      await s.outbox.runOnce();
      const mailDir = join(s.dir, 'mail', SITE);
      const files = {};
      for (const f of existsSync(mailDir) ? readdirSync(mailDir).sort() : []) {
        if (s.seen.has(f)) continue;
        s.seen.add(f);
        files[f] = readFileSync(join(mailDir, f), 'utf8');
      }
      return { files };
    }
    case 'holds': {
      const needle = String(ctx.query.needle).toLowerCase();
      const tables = ['comments', 'pages', 'messages', 'outbox', 'audit', 'subscriptions', 'verified', 'links'];
      for (const t of tables) {
        const rows = await s.store.db.selectFrom(t).selectAll().execute();
        if (JSON.stringify(rows).toLowerCase().includes(needle)) return { found: true, table: t };
      }
      const mailDir = join(s.dir, 'mail', SITE);
      for (const f of existsSync(mailDir) ? readdirSync(mailDir) : []) if (readFileSync(join(mailDir, f), 'utf8').toLowerCase().includes(needle)) return { found: true, table: `mail/${f}` };
      return { found: false };
    }
  }
  return undefined;
}

export default async function firmDesk(ctx, next) {
  const path = ctx.path;
  const ours = path == '/admin' || path.startsWith('/admin/') || path.startsWith('/link/') || path.startsWith(`/api/${SITE}/`) || path.startsWith('/test-api/firm-desk/');
  if (!ours) return next();
  const s = await serverFor(ctx);
  const m = path.match(/^\/test-api\/firm-desk\/(\w+)$/);
  if (m) {
    const body = await control(s, m[1], ctx);
    if (body === undefined) return next();
    ctx.body = body;
    return;
  }
  // The server answers the request itself, headers, cookies and all.
  ctx.respond = false;
  // koa has set 404 on the raw response already; Fastify starts from the raw status.
  ctx.res.statusCode = 200;
  s.app.routing(ctx.req, ctx.res);
}
