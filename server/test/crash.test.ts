import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './process.ts';
import { smtp } from './smtp.ts';
import { POSTGRES, dialectName, comment, message, testEnv } from './helpers.ts';
import { openStore } from '../src/db/index.ts';

/** Visitors posting at once. */
const CONCURRENCY = 50;
/** The server is killed once this many posts were answered 201: in the middle of the run. */
const KILL_AFTER = 60;
const LEASE_MS = 1500;
const DRAIN_MS = 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test(`crash (${dialectName}): SIGKILL amid ${CONCURRENCY} concurrent posts loses no answered 201; the outbox then delivers every queued mail, twice only if the kill caught it mid-send`, async (t) => {
  const env = await testEnv();
  await env.store.close();
  const mail = await smtp('accept');
  const dir = mkdtempSync(join(tmpdir(), 'fws-crash-'));
  const configFile = join(dir, 'config.jsonc');
  writeFileSync(
    configFile,
    JSON.stringify({
      port: 0,
      data: env.dir,
      log: 'warn',
      mail: { smtp: `smtp://127.0.0.1:${mail.port}` },
      spam: { minElapsedMs: 0, perAddress: { comments: 100_000, messages: 100_000 } },
      sites: [{ id: 'firm', origins: [], notify: ['office@firm.example'], moderators: ['mod@firm.example'] }],
    }),
  );
  const childEnv = { FIRM_OUTBOX_LEASE_MS: String(LEASE_MS), DATABASE_URL: POSTGRES ? env.database : '' };
  try {
    const first = await startServer(['start', '--config', configFile], childEnv);
    const acknowledged: { kind: 'comment' | 'message'; id: string; text: string }[] = [];
    let refusedOrLost = 0;
    let n = 0;
    let killed = false;
    // Each visitor posts a comment or a message, one after another, until the server dies.
    const visitor = async () => {
      while (!killed) {
        const i = n++;
        const kind = i % 2 ? 'message' : 'comment';
        const text = `Post ${i}`;
        const body = kind == 'comment' ? comment({ thread: `/t/${i % 7}`, content: text }) : message({ key: `k${i}`, message: text });
        try {
          const res = await fetch(`${first.base}/api/firm/${kind}s`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
          const answer = await res.json();
          if (res.status == 201) {
            acknowledged.push({ kind, id: answer.id, text });
            if (acknowledged.length >= KILL_AFTER && !killed) {
              killed = true;
              first.proc.kill('SIGKILL');
            }
          } else refusedOrLost++;
        } catch {
          // The connection died with the server: this post was never acknowledged.
          refusedOrLost++;
          if (killed) return;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, visitor));
    const { signal } = await first.exited;
    assert.equal(signal, 'SIGKILL');

    // What the killed server left: every acknowledged post is there, with its words.
    const store = await openStore({ data: env.dir, database: POSTGRES ? env.database : undefined });
    const comments = new Map((await store.db.selectFrom('comments').select(['id', 'content']).execute()).map((r) => [String(r.id), r.content]));
    const messages = new Map((await store.db.selectFrom('messages').select(['id', 'message']).execute()).map((r) => [String(r.id), r.message]));
    const missing = acknowledged.filter((a) => (a.kind == 'comment' ? comments : messages).get(a.id) != a.text);
    assert.deepEqual(missing, [], 'acknowledged posts missing after SIGKILL');
    const interrupted = Number((await store.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('state', '=', 'sending').executeTakeFirstOrThrow()).n);
    await store.close();

    // Restarted, the outbox sends what was queued, and what the killed worker held once its claim runs out.
    const second = await startServer(['start', '--config', configFile], childEnv);
    const check = await openStore({ data: env.dir, database: POSTGRES ? env.database : undefined });
    const end = Date.now() + DRAIN_MS;
    let rows = await check.db.selectFrom('outbox').select(['message_id', 'state']).execute();
    while (rows.some((r) => r.state != 'sent') && Date.now() < end) {
      await sleep(200);
      rows = await check.db.selectFrom('outbox').select(['message_id', 'state']).execute();
    }
    await check.close();
    second.proc.kill('SIGTERM');
    assert.equal((await second.exited).code, 0);

    assert.equal(rows.length, comments.size + messages.size, 'one mail per comment held and per message');
    assert.ok(rows.every((r) => r.state == 'sent'), 'every queued mail sent');
    const received = new Map<string, number>();
    for (const r of mail.received) received.set(r.messageId, (received.get(r.messageId) ?? 0) + 1);
    const neverSent = rows.filter((r) => !received.has(r.message_id));
    assert.deepEqual(neverSent, []);
    const twice = [...received.values()].filter((c) => c > 1).length;
    // A mail is sent twice only if the kill fell between the mail server's "250 OK" and the
    // row marked sent: at most the rows that were `sending` at the kill.
    assert.ok(twice <= interrupted, `${twice} mails sent twice, ${interrupted} interrupted`);
    t.diagnostic(
      `${dialectName}: ${acknowledged.length} posts answered 201 before SIGKILL (${n} started, ${refusedOrLost} unanswered), all ${acknowledged.length} found after restart; ` +
        `${comments.size + messages.size} stored in all; ${rows.length} mails, each delivered, ${twice} twice (${interrupted} were being sent at the kill)`,
    );
  } finally {
    await mail.close();
    rmSync(dir, { recursive: true, force: true });
    await env.close();
  }
});
