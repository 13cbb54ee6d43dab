// /test-api/firm-server/…: the real firm-widgets-server (server/), built in this process on its
// own SQLite in a temporary folder and listening on 127.0.0.1 at a port of its own, so the
// page (on localhost) calls it across origins, CORS and all. Started on the first request.
// One server per browser engine (lib/engine.mjs): Firefox and WebKit run side by side, and must
// not read each other's messages or mail.
//   GET  info              → {base}: where the server listens
//   GET  held?thread=…     → the held comments of a thread (from its database)
//   POST approve?id=…      → approves a comment, with the same function `firm-widgets-server approve` runs
//   GET  messages          → the stored messages, with their mail's state
//   POST outbox            → runs the mail worker once; → the .eml files written
//   POST mail?to=…         → runs the mail worker once; → the text of each .eml file sent to that address
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { perEngine } from './lib/engine.mjs';

const SITE = 'browser';
async function start(engine) {
  const here = import.meta.url;
  const { readConfig } = await tsImport('../../server/src/config.ts', here);
  const { openStore } = await tsImport('../../server/src/db/index.ts', here);
  const { buildApp } = await tsImport('../../server/src/app.ts', here);
  const { Outbox } = await tsImport('../../server/src/outbox.ts', here);
  const { approve } = await tsImport('../../server/src/moderation.ts', here);
  const dir = mkdtempSync(join(tmpdir(), `fws-browser-${engine}-`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const config = readConfig(
    {
      port: 0,
      log: 'silent',
      data: dir,
      // The tests type faster than people and all come from one address.
      spam: { minElapsedMs: 0, perAddress: { comments: 10_000, messages: 10_000 } },
      sites: [{ id: SITE, origins: ['http://localhost:*', 'http://127.0.0.1:*'], notify: ['office@browser.example'], moderators: ['mod@browser.example'] }],
    },
    dir,
  );
  const store = await openStore(config);
  const app = await buildApp({ config, store, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const outbox = new Outbox({ db: store.db, config, log: app.log });
  return { base: `http://127.0.0.1:${app.server.address().port}`, store, outbox, approve, dir };
}

const serverFor = perEngine(start);

export default async function firmServer(ctx, next) {
  const m = ctx.path.match(/^\/test-api\/firm-server\/(\w+)$/);
  if (!m) return next();
  const s = await serverFor(ctx);
  const { db } = s.store;
  switch (m[1]) {
    case 'info':
      ctx.body = { base: s.base, site: SITE };
      return;
    case 'held':
      ctx.body = await db.selectFrom('comments').select(['id', 'author', 'content', 'status']).where('site', '=', SITE).where('thread', '=', ctx.query.thread).where('status', '=', 'hold').execute();
      return;
    case 'approve':
      ctx.body = { approved: await s.approve(s.store, SITE, [Number(ctx.query.id)], 'test') };
      return;
    case 'messages': {
      const mail = new Map((await db.selectFrom('outbox').select(['about', 'state']).execute()).map((r) => [r.about, r.state]));
      const rows = await db.selectFrom('messages').select(['id', 'name', 'email', 'message', 'status']).where('site', '=', SITE).orderBy('id').execute();
      ctx.body = rows.map((r) => ({ ...r, mail: mail.get(`message:${r.id}`) ?? null }));
      return;
    }
    case 'outbox': {
      await s.outbox.runOnce();
      const mailDir = join(s.dir, 'mail', SITE);
      ctx.body = existsSync(mailDir) ? readdirSync(mailDir).sort() : [];
      return;
    }
    case 'mail': {
      await s.outbox.runOnce();
      const mailDir = join(s.dir, 'mail', SITE);
      const texts = existsSync(mailDir) ? readdirSync(mailDir).map((f) => readFileSync(join(mailDir, f), 'utf8')) : [];
      ctx.body = texts.filter((t) => t.includes(`To: ${ctx.query.to}`));
      return;
    }
    default:
      return next();
  }
}
