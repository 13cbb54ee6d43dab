import { test } from 'node:test';
import { sql } from 'kysely';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { join } from 'node:path';
import { smtp, downPort } from './smtp.ts';
import { testApp, message, dialectName, POSTGRES } from './helpers.ts';
import { Outbox, claimQuery } from '../src/outbox.ts';
import { readConfig } from '../src/config.ts';
import { erasePerson } from '../src/desk/people.ts';

const silent = { info() {}, warn() {}, error() {}, child: () => silent } as never;

const withSmtp = (config: ReturnType<typeof readConfig>, port: number) => ({ ...config, mail: { ...config.mail, smtp: `smtp://127.0.0.1:${port}` } });

async function queueMessages(t: Awaited<ReturnType<typeof testApp>>, n: number) {
  for (let i = 0; i < n; i++) {
    const r = await t.app.inject({ method: 'POST', url: '/api/firm/messages', headers: { 'content-type': 'application/json' }, remoteAddress: `10.0.${i >> 8}.${i & 255}`, payload: message({ key: `k${i}`, message: `Question ${i}` }) });
    assert.equal(r.statusCode, 201);
  }
}

const states = async (t: Awaited<ReturnType<typeof testApp>>) => (await t.store.db.selectFrom('outbox').select(['state', 'attempts', 'last_error']).orderBy('id').execute());

test(`outbox (${dialectName}): without SMTP, each mail is an .eml file in the data folder, once`, async () => {
  const t = await testApp();
  try {
    await queueMessages(t, 2);
    const outbox = new Outbox({ db: t.store.db, config: t.config, log: silent });
    assert.equal(await outbox.runOnce(), 2);
    assert.equal(await outbox.runOnce(), 0);
    const dir = join(t.dir, 'mail', 'firm');
    const files = readdirSync(dir).sort();
    assert.equal(files.length, 2);
    assert.ok(files.every((f) => f.endsWith('.eml')));
    const eml = readFileSync(join(dir, files[0]), 'utf8');
    assert.match(eml, /^To: office@firm\.example$/m);
    assert.match(eml, /^Reply-To: ana@example\.com$/m);
    assert.match(eml, /^Subject: \[firm\] Message from Ana Reyes: Family visas$/m);
    assert.match(eml, /^Message-ID: <[0-9a-f-]+@[\w.-]+>$/m);
    assert.deepEqual((await states(t)).map((s) => s.state), ['sent', 'sent']);
  } finally {
    await t.close();
  }
});

test(`outbox (${dialectName}): without SMTP, a round writes up to 100 files and marks them sent in one statement, not one per mail`, async () => {
  const t = await testApp();
  try {
    await queueMessages(t, 25);
    let updates = 0;
    const db = new Proxy(t.store.db, {
      get(target, name, receiver) {
        if (name == 'updateTable') updates++;
        const value = Reflect.get(target, name, receiver);
        return typeof value == 'function' ? value.bind(target) : value;
      },
    });
    const outbox = new Outbox({ db, config: t.config, log: silent });
    assert.equal(await outbox.runOnce(), 25);
    // The claim, then the mark.
    assert.equal(updates, 2);
    assert.equal(readdirSync(join(t.dir, 'mail', 'firm')).length, 25);
    assert.ok((await states(t)).every((s) => s.state == 'sent'));
    assert.equal(await outbox.runOnce(), 0);
  } finally {
    await t.close();
  }
});

test(`outbox (${dialectName}): a person erased while their mail is on its way leaves no .eml file behind`, async () => {
  const t = await testApp();
  const real = nodemailer.createTransport;
  try {
    await queueMessages(t, 1);
    // The erasure comes while the mail is being made (the row is 'sending'), before its file is written.
    nodemailer.createTransport = ((...options: Parameters<typeof real>) => {
      const transport = real(...options);
      const sendMail = transport.sendMail.bind(transport);
      return Object.assign(transport, {
        sendMail: async (mail: object) => {
          assert.deepEqual((await states(t)).map((s) => s.state), ['sending']);
          const erased = await erasePerson(t.store, t.config, ['firm'], 'ana@example.com', 'test', new Date());
          assert.equal(erased.mails, 1);
          return sendMail(mail);
        },
      });
    }) as typeof real;
    const outbox = new Outbox({ db: t.store.db, config: t.config, log: silent });
    nodemailer.createTransport = real;
    assert.equal(await outbox.runOnce(), 1);
    assert.deepEqual(await states(t), []);
    const dir = join(t.dir, 'mail', 'firm');
    assert.deepEqual(existsSync(dir) ? readdirSync(dir) : [], []);
  } finally {
    nodemailer.createTransport = real;
    await t.close();
  }
});

test(`outbox (${dialectName}): delivered through SMTP (the config's URL)`, async () => {
  const t = await testApp();
  const mail = await smtp('accept');
  try {
    await queueMessages(t, 1);
    const outbox = new Outbox({ db: t.store.db, config: withSmtp(t.config, mail.port), log: silent });
    await outbox.runOnce();
    assert.equal(mail.received.length, 1);
    assert.deepEqual(mail.received[0].to, ['office@firm.example']);
    assert.match(mail.received[0].raw, /Question 0/);
    assert.deepEqual(await states(t), [{ state: 'sent', attempts: 1, last_error: null }]);
    await outbox.stop();
  } finally {
    await mail.close();
    await t.close();
  }
});

test(`outbox (${dialectName}): a refusal (5xx) fails the mail for good, with the server's words`, async () => {
  const t = await testApp();
  const mail = await smtp('refuse');
  try {
    await queueMessages(t, 1);
    const outbox = new Outbox({ db: t.store.db, config: withSmtp(t.config, mail.port), log: silent });
    await outbox.runOnce();
    const [row] = await states(t);
    assert.equal(row.state, 'failed');
    assert.match(String(row.last_error), /550/);
    // Never to be sent: the words and any link tokens it carried are not kept.
    assert.deepEqual(await t.store.db.selectFrom('outbox').select(['body', 'headers']).execute(), [{ body: '', headers: null }]);
    assert.equal(await outbox.runOnce(), 0);
    await outbox.stop();
  } finally {
    await mail.close();
    await t.close();
  }
});

test(`outbox (${dialectName}): a 451, a dropped connection or a server that is down loses nothing: retried with backoff, sent once`, async () => {
  let clock = Date.parse('2026-03-02T10:00:00Z');
  const now = () => new Date(clock);
  const t = await testApp({}, now);
  const temp = await smtp('tempfail');
  const drop = await smtp('drop');
  const good = await smtp('accept');
  try {
    await queueMessages(t, 1);
    const backoffMs = 1000;
    const via = (port: number) => new Outbox({ db: t.store.db, config: withSmtp(t.config, port), log: silent, now, backoffMs });

    await via(temp.port).runOnce();
    let [row] = await states(t);
    assert.deepEqual([row.state, row.attempts], ['queued', 1]);
    assert.match(String(row.last_error), /451/);
    // Not due before its backoff.
    assert.equal(await via(good.port).runOnce(), 0);

    clock += backoffMs;
    await via(drop.port).runOnce();
    [row] = await states(t);
    assert.deepEqual([row.state, row.attempts], ['queued', 2]);
    assert.ok(row.last_error);

    clock += 2 * backoffMs;
    await via(await downPort()).runOnce();
    [row] = await states(t);
    assert.deepEqual([row.state, row.attempts], ['queued', 3]);
    assert.match(String(row.last_error), /ECONNREFUSED/);

    clock += 4 * backoffMs;
    await via(good.port).runOnce();
    assert.deepEqual(await states(t), [{ state: 'sent', attempts: 4, last_error: null }]);
    assert.equal(good.received.length, 1);
    assert.equal(temp.received.length, 0);
  } finally {
    await Promise.all([temp.close(), drop.close(), good.close()]);
    await t.close();
  }
});

test(`outbox (${dialectName}): several workers on one database send each mail exactly once`, async () => {
  const t = await testApp({ spam: { perAddress: { messages: 1000 } } });
  const mail = await smtp('accept');
  try {
    await queueMessages(t, 30);
    const workers = Array.from({ length: 3 }, () => new Outbox({ db: t.store.db, config: withSmtp(t.config, mail.port), log: silent }));
    for (let round = 0; round < 10; round++) {
      const claimed = await Promise.all(workers.map((w) => w.runOnce()));
      if (claimed.every((n) => n == 0)) break;
    }
    const ids = mail.received.map((r) => r.messageId);
    assert.equal(ids.length, 30);
    assert.equal(new Set(ids).size, 30);
    assert.ok((await states(t)).every((s) => s.state == 'sent' && s.attempts == 1));
    await Promise.all(workers.map((w) => w.stop()));
  } finally {
    await mail.close();
    await t.close();
  }
});

test(`outbox (${dialectName}): the claim finds the mail still to send by an index of those rows alone, however much was sent before`, async () => {
  const t = await testApp();
  try {
    await queueMessages(t, 3);
    assert.equal(await new Outbox({ db: t.store.db, config: t.config, log: silent }).runOnce(), 3);
    await queueMessages(t, 1);
    const claim = claimQuery(t.store.db, { now: new Date(), until: new Date(), lease: 'test', batch: 10 }).compile();
    if (POSTGRES) {
      // A table this small is read whole whatever its indexes; told not to, PostgreSQL shows
      // which index it has for the claim: the pending rows', not the primary key's read of every row.
      const plan = await t.store.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        return (await trx.executeQuery<Record<string, string>>({ ...claim, sql: `explain ${claim.sql}` })).rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      assert.match(plan, /Index Scan on outbox_pending|Index Scan using outbox_pending/);
    } else {
      const plan = (await t.store.db.executeQuery<{ detail: string }>({ ...claim, sql: `explain query plan ${claim.sql}` })).rows.map((r) => r.detail).join('\n');
      assert.doesNotMatch(plan, /SCAN outbox(?! USING)/);
    }
    const index = POSTGRES
      ? (await sql<{ def: string }>`select indexdef as def from pg_indexes where tablename = 'outbox' and indexname = 'outbox_pending' and schemaname = current_schema()`.execute(t.store.db)).rows
      : (await sql<{ def: string }>`select sql as def from sqlite_master where type = 'index' and name = 'outbox_pending'`.execute(t.store.db)).rows;
    assert.equal(index.length, 1);
  } finally {
    await t.close();
  }
});
