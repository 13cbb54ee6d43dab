import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, message, snapshot, dialectName } from './helpers.ts';

const json = { 'content-type': 'application/json' };
const form = { 'content-type': 'application/x-www-form-urlencoded' };
/** The url-encoded body the form sends with encoding="form": every value a string. */
const encoded = (m: Record<string, unknown>) => new URLSearchParams(Object.entries(m).map(([k, v]) => [k, String(v)])).toString();

test(`messages (${dialectName}): JSON and url-encoded are stored first, then mailed through the outbox`, async () => {
  const t = await testApp();
  try {
    const a = await t.app.inject({ method: 'POST', url: '/api/firm/messages', headers: { ...json, origin: 'https://firm.example' }, payload: message() });
    assert.equal(a.statusCode, 201, a.body);
    assert.deepEqual(a.json(), { id: a.json().id, status: 'received' });
    const b = await t.app.inject({ method: 'POST', url: '/api/firm/messages', headers: form, payload: encoded(message({ key: '1795830000001', email: '', phone: '818-788-8900' })) });
    assert.equal(b.statusCode, 201, b.body);
    assert.notEqual(a.json().id, b.json().id);

    const rows = await t.store.db.selectFrom('messages').selectAll().orderBy('id').execute();
    assert.equal(rows.length, 2);
    assert.equal(rows[0].message, 'My husband’s petition…');
    assert.equal(rows[1].phone, '818-788-8900');
    assert.equal(rows[0].status, 'received');
    const mail = await t.store.db.selectFrom('outbox').selectAll().orderBy('id').execute();
    assert.deepEqual(mail.map((m) => [m.about, m.recipients, m.state, m.reply_to]), [
      [`message:${rows[0].id}`, 'office@firm.example', 'queued', 'ana@example.com'],
      [`message:${rows[1].id}`, 'office@firm.example', 'queued', null],
    ]);
    assert.match(mail[0].body, /My husband’s petition…/);
    assert.equal(t.nudges.length, 2);
  } finally {
    await t.close();
  }
});

test(`messages (${dialectName}): a retry with the same key and words is answered with the first; other words are a new message`, async () => {
  const t = await testApp();
  try {
    const post = (m: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/firm/messages', headers: json, payload: m });
    const first = await post(message());
    const again = await post(message());
    assert.equal(again.statusCode, 201);
    assert.deepEqual(again.json(), first.json());
    // The same retry, url-encoded this time, is still the same message.
    const encodedAgain = await t.app.inject({ method: 'POST', url: '/api/firm/messages', headers: form, payload: encoded(message()) });
    assert.deepEqual(encodedAgain.json(), first.json());
    // Same key, other words (another message typed in the same tab): stored, not swallowed.
    const other = await post(message({ message: 'Another question' }));
    assert.equal(other.statusCode, 201);
    assert.notEqual(other.json().id, first.json().id);
    // Same words from someone else with the same key: another message too.
    const someoneElse = await post(message({ email: 'ben@example.com' }));
    assert.notEqual(someoneElse.json().id, first.json().id);
    // Concurrent tries of one message: one row.
    const tries = await Promise.all(Array.from({ length: 5 }, () => post(message({ key: 'concurrent-1' }))));
    assert.equal(new Set(tries.map((r) => r.json().id)).size, 1);
    assert.equal((await t.store.db.selectFrom('messages').select('id').execute()).length, 4);
    assert.equal((await t.store.db.selectFrom('outbox').select('id').execute()).length, 4);
  } finally {
    await t.close();
  }
});

test(`messages (${dialectName}): refusals in the form's shape, nothing stored`, async () => {
  const t = await testApp();
  try {
    const post = (payload: unknown, headers: Record<string, string> = json, site = 'firm') =>
      t.app.inject({ method: 'POST', url: `/api/${site}/messages`, headers, payload: payload as string });
    const before = await snapshot(t.store);

    const neither = await post(message({ email: '', phone: '' }));
    assert.equal(neither.statusCode, 400);
    assert.equal(neither.json().code, 'firm_invalid');
    assert.deepEqual(Object.keys(neither.json().data.fields).sort(), ['email', 'phone']);

    const bad = await post(message({ email: 'ana@', phone: '12', message: '  ', consent: false }));
    assert.deepEqual(Object.keys(bad.json().data.fields).sort(), ['consent', 'email', 'message', 'phone']);

    const types = await post(message({ consent: 'yes', firm_elapsed: 'soon' }));
    assert.equal(types.statusCode, 400);
    assert.deepEqual(Object.keys(types.json().data.fields).sort(), ['consent', 'firm_elapsed']);

    const badKey = await post(message({ key: '../../etc' }));
    assert.equal(badKey.statusCode, 400);
    assert.ok(badKey.json().data.fields.key);

    const formTypes = await post('message=hi&consent=maybe&email=a%40b.co', form);
    assert.equal(formTypes.statusCode, 400);
    assert.ok(formTypes.json().data.fields.consent);

    assert.equal((await post(message({ message: 'x'.repeat(20_001) }))).statusCode, 400);
    assert.equal((await post(message({ message: 'x'.repeat(80_000) }))).statusCode, 413);
    assert.equal((await post('{"message":', json)).statusCode, 400);
    assert.equal((await post(message(), json, 'nobody')).statusCode, 404);
    assert.equal((await post(message(), { ...json, origin: 'https://open.example' })).statusCode, 403);
    assert.equal(await snapshot(t.store), before);
  } finally {
    await t.close();
  }
});

test(`messages (${dialectName}): flagged messages are kept, not mailed, and answered like any other`, async () => {
  const t = await testApp({ spam: { bannedWords: ['crypto'] } });
  try {
    const cases: [Record<string, unknown>, string][] = [
      [{ firm_hp: 'x', key: 'a' }, 'honeypot'],
      [{ firm_elapsed: 1200, key: 'b' }, 'elapsed'],
      [{ message: 'Invest in crypto', key: 'c' }, 'word:crypto'],
    ];
    for (const [over, flag] of cases) {
      const r = await t.app.inject({ method: 'POST', url: '/api/firm/messages', headers: json, payload: message(over) });
      assert.equal(r.statusCode, 201);
      assert.equal(r.json().status, 'received');
      const row = await t.store.db.selectFrom('messages').select(['status', 'flag']).where('id', '=', Number(r.json().id)).executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: 'flagged', flag });
    }
    assert.equal((await t.store.db.selectFrom('outbox').select('id').execute()).length, 0);
    assert.equal(t.nudges.length, 0);
  } finally {
    await t.close();
  }
});

test(`messages (${dialectName}): messages sent at once from one address pass its limit no further; each stored one is mailed once`, async () => {
  const t = await testApp({ spam: { perAddress: { messages: 2, windowMinutes: 10 } } });
  try {
    const post = (i: number) => t.app.inject({ method: 'POST', url: '/api/firm/messages', headers: json, remoteAddress: '192.0.2.70', payload: message({ key: `burst-${i}`, message: `Question ${i}` }) });
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => post(i)));
    assert.deepEqual(burst.map((r) => r.statusCode).sort(), [201, 201, 429, 429, 429, 429, 429, 429]);
    for (const r of burst.filter((x) => x.statusCode == 429)) assert.ok(Number(r.headers['retry-after']) > 590, r.headers['retry-after']);
    const stored = await t.store.db.selectFrom('messages').select('id').orderBy('id').execute();
    assert.equal(stored.length, 2);
    const mail = await t.store.db.selectFrom('outbox').select('about').orderBy('about').execute();
    assert.deepEqual(mail.map((m) => m.about), stored.map((m) => `message:${m.id}`).sort());
    // Another address is not held back by this one.
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/firm/messages', headers: json, remoteAddress: '192.0.2.71', payload: message({ key: 'other' }) })).statusCode, 201);
  } finally {
    await t.close();
  }
});

test(`messages (${dialectName}): per-address limit answers 429 with Retry-After in the form's shape`, async () => {
  const t = await testApp({ spam: { perAddress: { messages: 1, windowMinutes: 2 } } });
  try {
    const post = (key: string, ip: string) => t.app.inject({ method: 'POST', url: '/api/firm/messages', headers: json, remoteAddress: ip, payload: message({ key }) });
    assert.equal((await post('k1', '::ffff:192.0.2.10')).statusCode, 201);
    const limited = await post('k2', '192.0.2.10');
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().code, 'firm_rate_limited');
    assert.equal(limited.headers['retry-after'], String(limited.json().data.retry_after));
    assert.ok(limited.json().data.retry_after > 100);
    // The retry of the stored message still gets its answer: the visitor's "Try again" after a lost answer is no flood.
    assert.equal((await post('k1', '192.0.2.10')).statusCode, 201);
  } finally {
    await t.close();
  }
});
