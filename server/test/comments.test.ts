import { test } from 'node:test';
import { sql } from 'kysely';
import assert from 'node:assert/strict';
import { testApp, testEnv, comment, message, snapshot, dialectName, POSTGRES, SITES } from './helpers.ts';
import { Writable } from 'node:stream';
import { buildApp } from '../src/app.ts';
import { addressKey } from '../src/spam.ts';
import { runRetention } from '../src/desk/retention.ts';
import { approve } from '../src/moderation.ts';
import { openStore, type Store } from '../src/db/index.ts';
import { SETTINGS_TTL_MS, writeSettings } from '../src/desk/settings.ts';
import { ANALYZE_AFTER } from '../src/db/statistics.ts';
import { moderate } from '../src/desk/comments.ts';

const json = { 'content-type': 'application/json' };

test(`comments (${dialectName}): a posted comment is held, then listed once approved`, async () => {
  const t = await testApp();
  try {
    const posted = await t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: { ...json, origin: 'https://firm.example' }, payload: comment() });
    assert.equal(posted.statusCode, 201);
    const body = posted.json();
    assert.deepEqual(Object.keys(body).sort(), ['author', 'avatar', 'content', 'date', 'id', 'parent', 'status', 'url']);
    assert.equal(body.status, 'hold');
    assert.equal(body.content, 'Thank you!\nVery clear.');
    assert.equal(body.parent, null);
    assert.equal(posted.headers['access-control-allow-origin'], 'https://firm.example');

    const before = await t.app.inject({ url: '/api/firm/comments?thread=visa-interview-tips' });
    assert.deepEqual(before.json(), { total: 0, comments: [] });

    // Held comments are mailed to the moderators through the outbox.
    const mail = await t.store.db.selectFrom('outbox').selectAll().execute();
    assert.equal(mail.length, 1);
    assert.equal(mail[0].recipients, 'mod@firm.example');
    assert.match(mail[0].body, /approve firm \d+/);

    assert.deepEqual(await approve(t.store, 'firm', [Number(body.id)], 'test'), [Number(body.id)]);
    const after = await t.app.inject({ url: '/api/firm/comments?thread=visa-interview-tips' });
    const listed = after.json();
    assert.equal(listed.total, 1);
    assert.deepEqual(listed.comments[0], { id: body.id, parent: null, author: 'Ana Reyes', url: null, avatar: null, date: body.date, content: 'Thank you!\nVery clear.' });
    const audit = await t.store.db.selectFrom('audit').selectAll().execute();
    assert.deepEqual(audit.map((a) => [a.actor, a.action, a.target]), [['test', 'approve', `comment:${body.id}`]]);

    // The page was kept as answered; the next approval makes it stale, and the next read has both.
    assert.equal((await t.store.db.selectFrom('pages').select('body').execute()).length, 1);
    assert.equal((await t.app.inject({ url: '/api/firm/comments?thread=visa-interview-tips' })).body, after.body);
    const second = (await t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: json, payload: comment({ content: 'Second' }) })).json();
    await approve(t.store, 'firm', [Number(second.id)], 'test');
    const again = (await t.app.inject({ url: '/api/firm/comments?thread=visa-interview-tips' })).json();
    assert.equal(again.total, 2);
    assert.deepEqual(again.comments.map((c: { content: string }) => c.content), ['Thank you!\nVery clear.', 'Second']);
  } finally {
    await t.close();
  }
});

test(`comments (${dialectName}): pages, order, replies and total`, async () => {
  let clock = Date.parse('2026-03-02T15:00:00Z');
  const t = await testApp({ spam: { perAddress: { comments: 100 } } }, () => new Date((clock += 1000)));
  try {
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/open/comments', headers: json, payload: comment({ content: `Comment ${i}` }) });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(r.json().status, 'approved');
      ids.push(r.json().id);
    }
    const reply = await t.app.inject({ method: 'POST', url: '/api/open/comments', headers: json, payload: comment({ content: 'A reply', parent: ids[1] }) });
    assert.equal(reply.json().parent, ids[1]);

    const first = (await t.app.inject({ url: '/api/open/comments?thread=visa-interview-tips&page=1&per_page=2&order=oldest' })).json();
    assert.equal(first.total, 6);
    assert.deepEqual(first.comments.map((c: { content: string }) => c.content), ['Comment 1', 'Comment 2']);
    const third = (await t.app.inject({ url: '/api/open/comments?thread=visa-interview-tips&page=3&per_page=2&order=oldest' })).json();
    assert.deepEqual(third.comments.map((c: { content: string }) => c.content), ['Comment 5', 'A reply']);
    assert.equal(third.comments[1].parent, ids[1]);
    const newest = (await t.app.inject({ url: '/api/open/comments?thread=visa-interview-tips&per_page=3&order=newest' })).json();
    assert.deepEqual(newest.comments.map((c: { content: string }) => c.content), ['A reply', 'Comment 5', 'Comment 4']);
    const other = (await t.app.inject({ url: '/api/open/comments?thread=another' })).json();
    assert.deepEqual(other, { total: 0, comments: [] });
  } finally {
    await t.close();
  }
});

test(`comments (${dialectName}): content is text, never markup`, async () => {
  const t = await testApp();
  try {
    const text = '<script>alert(1)</script> & <b>bold</b> "quoted"\n\u2028line';
    const r = await t.app.inject({ method: 'POST', url: '/api/open/comments', headers: json, payload: comment({ content: text }) });
    assert.equal(r.json().content, text);
    const listed = (await t.app.inject({ url: '/api/open/comments?thread=visa-interview-tips' })).json();
    assert.equal(listed.comments[0].content, text);
  } finally {
    await t.close();
  }
});

test(`comments (${dialectName}): refusals say what happened and change nothing`, async () => {
  const t = await testApp();
  try {
    const post = (payload: unknown, headers: Record<string, string> = json, site = 'firm') =>
      t.app.inject({ method: 'POST', url: `/api/${site}/comments`, headers, payload: payload as string });
    await post(comment({ content: 'First' }));
    const before = await snapshot(t.store);

    const invalid = await post(comment({ name: ' ', email: 'nope', url: 'javascript:alert(1)', content: '' }));
    assert.equal(invalid.statusCode, 422);
    assert.equal(invalid.json().code, 'invalid');
    assert.deepEqual(Object.keys(invalid.json().fields).sort(), ['content', 'email', 'name', 'url']);

    const spanish = await t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: { ...json, 'accept-language': 'es-MX,es;q=0.9' }, payload: comment({ email: 'x' }) });
    assert.equal(spanish.json().fields.email, 'Escriba una dirección de correo válida.');

    const wrongTypes = await post(comment({ name: 5, firm_elapsed: '8000', content: ['a'] }));
    assert.equal(wrongTypes.statusCode, 422);
    assert.deepEqual(Object.keys(wrongTypes.json().fields).sort(), ['content', 'firm_elapsed', 'name']);

    const duplicate = await post(comment({ content: 'First' }));
    assert.equal(duplicate.statusCode, 409);
    assert.equal(duplicate.json().code, 'duplicate');

    const closed = await post(comment(), json, 'shut');
    assert.equal(closed.statusCode, 403);
    assert.equal(closed.json().code, 'closed');

    const noParent = await post(comment({ content: 'Reply', parent: '999999' }));
    assert.equal(noParent.statusCode, 422);
    assert.ok(noParent.json().fields.parent);
    // Beyond any id the database can hold (PostgreSQL answered 500: out of range for integer).
    const hugeParent = await post(comment({ content: 'Reply', parent: '999999999999999' }));
    assert.equal(hugeParent.statusCode, 422);
    assert.ok(hugeParent.json().fields.parent);

    const hugeThread = await post(comment({ thread: 'x'.repeat(10 * 1024) }));
    assert.equal(hugeThread.statusCode, 422);
    assert.equal(hugeThread.json().fields.thread, 'This is too long.');
    const hugeListing = await t.app.inject({ url: `/api/firm/comments?thread=${'x'.repeat(10 * 1024)}` });
    assert.equal(hugeListing.statusCode, 400);

    const badQuery = await t.app.inject({ url: '/api/firm/comments?thread=a&page=-1&order=random' });
    assert.equal(badQuery.statusCode, 400);
    assert.deepEqual(Object.keys(badQuery.json().fields).sort(), ['order', 'page']);

    const malformed = await post('{"thread": "a", ', json);
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().code, 'bad_json');

    const notObject = await post('[1,2]', json);
    assert.equal(notObject.statusCode, 422);

    const oversized = await post(comment({ content: 'x'.repeat(70 * 1024) }));
    assert.equal(oversized.statusCode, 413);
    assert.equal(oversized.json().code, 'too_large');

    const tooLong = await post(comment({ content: 'x'.repeat(10_001) }));
    assert.equal(tooLong.statusCode, 422);
    assert.equal(tooLong.json().fields.content, 'This is too long.');

    const plainText = await post('thread=a&content=b', { 'content-type': 'text/plain' });
    assert.equal(plainText.statusCode, 415);

    const unknownSite = await post(comment(), json, 'nobody');
    assert.equal(unknownSite.statusCode, 404);
    assert.equal(unknownSite.json().code, 'unknown_site');

    const badOrigin = await post(comment({ content: 'From elsewhere' }), { ...json, origin: 'https://evil.example' });
    assert.equal(badOrigin.statusCode, 403);
    assert.equal(badOrigin.json().code, 'origin');
    assert.equal(badOrigin.headers['access-control-allow-origin'], undefined);
    assert.match(String(badOrigin.headers.vary), /Origin/);

    assert.equal(await snapshot(t.store), before);
  } finally {
    await t.close();
  }
});

test(`comments (${dialectName}): CORS answers only the site's own origins, with Vary: Origin`, async () => {
  const t = await testApp();
  try {
    const preflight = (origin: string, site = 'firm') =>
      t.app.inject({ method: 'OPTIONS', url: `/api/${site}/comments`, headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    const ok = await preflight('https://firm.example');
    assert.equal(ok.statusCode, 204);
    assert.equal(ok.headers['access-control-allow-origin'], 'https://firm.example');
    assert.match(String(ok.headers['access-control-allow-headers']), /Content-Type/);
    assert.match(String(ok.headers.vary), /Origin/);
    const anyPort = await preflight('http://localhost:5173');
    assert.equal(anyPort.headers['access-control-allow-origin'], 'http://localhost:5173');
    // Another site's origin gets nothing here, even though that site exists.
    const other = await preflight('https://open.example');
    assert.equal(other.headers['access-control-allow-origin'], undefined);
    const lookalike = await preflight('http://localhost.evil.example');
    assert.equal(lookalike.headers['access-control-allow-origin'], undefined);
    const listing = await t.app.inject({ url: '/api/firm/comments?thread=a', headers: { origin: 'https://firm.example' } });
    assert.equal(listing.headers['access-control-allow-origin'], 'https://firm.example');
    assert.equal(listing.headers['access-control-expose-headers'], 'Retry-After');
  } finally {
    await t.close();
  }
});

test(`comments (${dialectName}): per-address limit (IPv6 per /64) answers 429 with Retry-After`, async () => {
  const t = await testApp({ spam: { perAddress: { comments: 2, windowMinutes: 10 } } });
  try {
    const from = (ip: string, n: number) =>
      t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: json, remoteAddress: ip, payload: comment({ content: `Text ${n}` }) });
    assert.equal((await from('2001:db8:1:2::1', 1)).statusCode, 201);
    assert.equal((await from('2001:db8:1:2:ffff::9', 2)).statusCode, 201);
    const third = await from('2001:db8:1:2:abcd::3', 3);
    assert.equal(third.statusCode, 429);
    assert.equal(third.json().code, 'too_fast');
    const wait = Number(third.headers['retry-after']);
    assert.ok(wait > 590 && wait <= 600, `Retry-After ${wait}`);
    assert.equal(third.json().data.retry_after, wait);
    // Another /64 is another visitor.
    assert.equal((await from('2001:db8:1:3::1', 4)).statusCode, 201);
    assert.equal((await from('203.0.113.7', 5)).statusCode, 201);
    // Only hashes are kept: no address appears anywhere.
    const all = await snapshot(t.store);
    for (const ip of ['2001:db8', '203.0.113.7', 'ana@example.com']) assert.ok(!all.includes(ip), `${ip} stored`);
  } finally {
    await t.close();
  }
});

test(`comments (${dialectName}): posts sent at once from one address pass its limit no further, and a double post is stored once`, async () => {
  // On PostgreSQL each post's checks and writes run on their own connection at the same time:
  // the address's lock (taken with the transaction's start) is what keeps them in line.
  const t = await testApp({ spam: { perAddress: { comments: 3, windowMinutes: 10 } } });
  try {
    const post = (content: string) => t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: json, remoteAddress: '192.0.2.44', payload: comment({ content }) });
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => post(`Burst ${i}`)));
    assert.deepEqual(burst.map((r) => r.statusCode).sort(), [201, 201, 201, 429, 429, 429, 429, 429]);
    const stored = await t.store.db.selectFrom('comments').select('content').execute();
    assert.equal(stored.length, 3);

    const other = (content: string) => t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: json, remoteAddress: '192.0.2.45', payload: comment({ content }) });
    const twice = await Promise.all([other('Sent twice'), other('Sent twice')]);
    assert.deepEqual(twice.map((r) => r.statusCode).sort(), [201, 409]);
    assert.equal((await t.store.db.selectFrom('comments').select('id').where('content', '=', 'Sent twice').execute()).length, 1);
  } finally {
    await t.close();
  }
});

test(`comments (${dialectName}): the per-address limit slides: once its oldest post leaves the window, one more is allowed, not a new window's worth`, async () => {
  let clock = Date.parse('2026-03-02T10:00:00Z');
  const t = await testApp({ spam: { perAddress: { comments: 2, windowMinutes: 10 } } }, () => new Date(clock));
  try {
    const post = (n: number) => t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: json, remoteAddress: '192.0.2.60', payload: comment({ content: `Slide ${n}` }) });
    assert.equal((await post(1)).statusCode, 201);
    clock += 5 * 60_000;
    assert.equal((await post(2)).statusCode, 201);
    clock += 4 * 60_000;
    const early = await post(3);
    assert.equal(early.statusCode, 429);
    // The first post (10:00) leaves the window at 10:10, a minute from now.
    assert.equal(early.headers['retry-after'], '60');
    clock += 61_000;
    assert.equal((await post(4)).statusCode, 201);
    // The second post (10:05) is still in the window: one place came free, not two.
    const next = await post(5);
    assert.equal(next.statusCode, 429);
    assert.equal(next.headers['retry-after'], String(5 * 60 - 1));
    // A refused post took no place: just after 10:15 the second post has left, and one more goes in.
    clock = Date.parse('2026-03-02T10:15:01Z');
    assert.equal((await post(6)).statusCode, 201);
    assert.equal((await post(7)).statusCode, 429);
    assert.equal((await t.store.db.selectFrom('comments').select('id').execute()).length, 4);
  } finally {
    await t.close();
  }
});

test(`comments (${dialectName}): a double post sent at once with others from one address is stored once, within the limit`, async () => {
  const t = await testApp({ spam: { perAddress: { comments: 4, windowMinutes: 10 } } });
  try {
    const post = (content: string) => t.app.inject({ method: 'POST', url: '/api/open/comments', headers: json, remoteAddress: '192.0.2.61', payload: comment({ content }) });
    const burst = await Promise.all([post('Twice'), post('Twice'), post('Twice'), post('Once a'), post('Once b'), post('Once c'), post('Once d')]);
    const codes = burst.map((r) => r.statusCode);
    assert.equal(codes.filter((c) => c == 201).length, 4, codes.join(' '));
    assert.equal((await t.store.db.selectFrom('comments').select('id').where('content', '=', 'Twice').execute()).length, 1);
    assert.equal((await t.store.db.selectFrom('comments').select('id').execute()).length, 4);
    // Each stored comment counted once in its thread's listing.
    const listing = await t.app.inject({ url: '/api/open/comments?thread=visa-interview-tips' });
    assert.equal(listing.json().total, 4);
  } finally {
    await t.close();
  }
});

test(`comments (${dialectName}): posts stored before the upgrade to 012-post-limits still count toward their address's limit after it`, async () => {
  const env = await testEnv({ sites: SITES, spam: { perAddress: { comments: 2, windowMinutes: 10 } } });
  let store: Store = env.store;
  try {
    // Back to before 012: its table gone, and its record with those of the migrations after it
    // (the migrator applies them in name order only); two posts from one address a minute ago.
    await store.db.schema.dropTable('post_limits').execute();
    await store.db.deleteFrom('kysely_migration' as never).where('name' as never, '>=', '012-post-limits' as never).execute();
    const addrHash = store.hash(`firm\n${addressKey('192.0.2.80')}`);
    const at = new Date(Date.now() - 60_000).toISOString();
    const before = (n: number) => ({ site: 'firm', thread: 't', parent: null, author: 'A', email_hash: 'e', url: null, content: `Before ${n}`, status: 'hold' as const, flag: null, created_at: at, addr_hash: addrHash, content_hash: `h${n}`, json_tail: '{}' });
    await store.db.insertInto('comments').values([before(1), before(2)]).execute();
    await store.close();
    store = await openStore(env.config);
    const app = await buildApp({ config: env.config, store, logger: false });
    const post = (ip: string) => app.inject({ method: 'POST', url: '/api/firm/comments', headers: json, remoteAddress: ip, payload: comment({ content: `After, from ${ip}` }) });
    const limited = await post('192.0.2.80');
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 530, limited.headers['retry-after']);
    assert.equal((await post('192.0.2.81')).statusCode, 201);
    await app.close();
  } finally {
    await store.close();
    await env.close();
  }
});

test(`comments (${dialectName}): an address's count is deleted once its newest post has left the window, and holds no address`, async () => {
  let clock = Date.parse('2026-03-02T10:00:00Z');
  const t = await testApp({ spam: { perAddress: { comments: 2, windowMinutes: 10 } } }, () => new Date(clock));
  try {
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: json, remoteAddress: '192.0.2.90', payload: comment() })).statusCode, 201);
    const rows = () => t.store.db.selectFrom('post_limits').selectAll().execute();
    // PostgreSQL counts in this table; SQLite counts the stored posts and writes nothing here.
    const counted = await rows();
    assert.equal(counted.length, POSTGRES ? 1 : 0);
    for (const row of counted) assert.deepEqual(JSON.parse(row.times).map((e: string) => e.split(' ')[0]), ['2026-03-02T10:00:00.000Z']);
    assert.ok(!JSON.stringify(counted).includes('192.0.2'));
    await runRetention(t.store, t.config, new Date(clock + 9 * 60_000));
    assert.equal((await rows()).length, counted.length);
    clock += 11 * 60_000;
    await runRetention(t.store, t.config, new Date(clock));
    assert.equal((await rows()).length, 0);
  } finally {
    await t.close();
  }
});

test(`comments (${dialectName}): a site's daily cap answers 429 until midnight UTC`, async () => {
  const t = await testApp({ sites: [{ id: 'firm', origins: [], moderation: 'approve', dailyComments: 2 }] }, () => new Date('2026-03-02T23:00:00Z'));
  try {
    for (let i = 0; i < 2; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: json, remoteAddress: `198.51.100.${i}`, payload: comment({ content: `n${i}` }) });
      assert.equal(r.statusCode, 201);
    }
    const capped = await t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: json, remoteAddress: '198.51.100.9', payload: comment({ content: 'n9' }) });
    assert.equal(capped.statusCode, 429);
    assert.equal(capped.headers['retry-after'], '3600');
  } finally {
    await t.close();
  }
});

test(`comments (${dialectName}): asked for mail about replies, the answer says a link to confirm it was mailed; a flagged comment is answered the same and mailed nothing`, async () => {
  const t = await testApp({ spam: { perAddress: { comments: 100 } } });
  try {
    const post = async (over: Record<string, unknown>) => (await t.app.inject({ method: 'POST', url: '/api/open/comments', headers: json, payload: comment(over) })).json();
    assert.equal((await post({ content: 'Mail me.', notify: true, lang: 'es' })).notify, 'confirm');
    assert.equal((await t.store.db.selectFrom('outbox').selectAll().execute()).length, 1);
    assert.equal('notify' in (await post({ content: 'No mail.' })), false);
    const flagged = await post({ content: 'Spam, mail me.', notify: true, firm_hp: 'http://spam.example' });
    assert.deepEqual([flagged.status, flagged.notify], ['hold', 'confirm']);
    assert.equal((await t.store.db.selectFrom('outbox').selectAll().execute()).length, 1);
  } finally {
    await t.close();
  }
});

test(`comments (${dialectName}): bots and spam are kept as spam, answered as held, never listed or mailed`, async () => {
  const t = await testApp({ spam: { maxLinks: 1, bannedWords: ['casino', 'cheap pills'], perAddress: { comments: 100 } } });
  try {
    const cases: [Record<string, unknown>, string][] = [
      [{ firm_hp: 'http://spam.example', content: 'a' }, 'honeypot'],
      [{ firm_elapsed: 400, content: 'b' }, 'elapsed'],
      [{ firm_elapsed: undefined, content: 'c' }, 'elapsed'],
      [{ content: 'see https://a.example and www.b.example' }, 'links'],
      [{ content: 'Best CASINO here' }, 'word:casino'],
      [{ content: 'buy Cheap Pills now' }, 'word:cheap pills'],
    ];
    for (const [over, flag] of cases) {
      const r = await t.app.inject({ method: 'POST', url: '/api/open/comments', headers: json, payload: comment(over) });
      assert.equal(r.statusCode, 201);
      assert.equal(r.json().status, 'hold', flag);
      const row = await t.store.db.selectFrom('comments').select(['status', 'flag']).where('id', '=', Number(r.json().id)).executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: 'spam', flag });
    }
    // "casinos" is not the word "casino".
    const fine = await t.app.inject({ method: 'POST', url: '/api/open/comments', headers: json, payload: comment({ content: 'Casinos and https://one.example' }) });
    assert.equal(fine.json().status, 'approved');
    const listed = (await t.app.inject({ url: '/api/open/comments?thread=visa-interview-tips' })).json();
    assert.equal(listed.total, 1);
    assert.equal((await t.store.db.selectFrom('outbox').selectAll().execute()).length, 0);
  } finally {
    await t.close();
  }
});

test(`comments (${dialectName}): behind a proxy, a forged X-Forwarded-For does not escape the per-address limit`, async () => {
  // nginx on this machine (127.0.0.1, the address inject connects from) appends the address it
  // saw to whatever X-Forwarded-For the visitor sent; a second proxy at 10.0.0.5 may sit before it.
  const t = await testApp({ trustProxy: ['127.0.0.1', '10.0.0.0/8'], spam: { perAddress: { comments: 2, windowMinutes: 10 } } });
  try {
    const via = (forwarded: string, n: number) =>
      t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: { ...json, 'x-forwarded-for': forwarded }, payload: comment({ content: `Text ${n}` }) });
    const statuses = [];
    // One visitor (203.0.113.9) writing a new address of its own on each post.
    for (let n = 0; n < 4; n++) statuses.push((await via(`198.51.100.${n}, 203.0.113.9`, n)).statusCode);
    assert.deepEqual(statuses, [201, 201, 429, 429]);
    // Through both proxies: still the address the outer proxy saw.
    assert.equal((await via('192.0.2.77, 203.0.113.9, 10.0.0.5', 5)).statusCode, 429);
    // Another visitor is another count.
    assert.equal((await via('198.51.100.1, 203.0.113.10', 6)).statusCode, 201);
    assert.equal((await via('203.0.113.10, 10.0.0.5', 7)).statusCode, 201);
    assert.equal((await via('203.0.113.10', 8)).statusCode, 429);
  } finally {
    await t.close();
  }
});

test(`comments (${dialectName}): the desk's settings are read once per ${SETTINGS_TTL_MS} ms per process, and a change reaches every process within it`, async () => {
  const t = await testApp();
  // A second process on the same database: its own store, so its own copy of the settings.
  const other = await openStore(t.config);
  try {
    const post = async (content: string) => (await t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: json, payload: comment({ content }) })).json().status;
    assert.equal(await post('first'), 'hold');
    // Changed from the desk on the other process: seen here once this process's copy is due.
    await writeSettings(other, 'firm', { moderation: 'approve' }, new Date());
    await new Promise((resolve) => setTimeout(resolve, SETTINGS_TTL_MS + 100));
    assert.equal(await post('second'), 'approved');
    // Changed from the desk on this process: seen at its next request.
    await writeSettings(t.store, 'firm', { moderation: 'hold' }, new Date());
    assert.equal(await post('third'), 'hold');
  } finally {
    await other.close();
    await t.close();
  }
});

test(`comments (${dialectName}): PostgreSQL analyzes a young database's post tables once a process has stored ${ANALYZE_AFTER} posts, so its prepared statements use their own indexes`, async () => {
  const t = await testApp({ sites: [{ id: 'firm', origins: [], moderation: 'approve' }] });
  // When the comments table was last analyzed, by anyone (PostgreSQL), or whether SQLite's planner has statistics.
  const analyzed = async () =>
    POSTGRES
      ? (await sql<{ at: string | null }>`select coalesce(last_analyze, last_autoanalyze) as at from pg_stat_user_tables where relname = 'comments'`.execute(t.store.db)).rows[0].at !== null
      : t.store.sqlite!.prepare(`select 1 from sqlite_master where name = 'sqlite_stat1'`).get() !== undefined;
  try {
    assert.equal(await analyzed(), false);
    for (let i = 0; i < ANALYZE_AFTER; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: json, remoteAddress: `10.0.${i >> 8}.${i & 255}`, payload: comment({ content: `Comment ${i}` }) });
      assert.equal(r.statusCode, 201);
    }
    // In the background: given a few seconds. SQLite plans each statement when it is prepared, from its indexes, and needs none.
    const by = Date.now() + 5000;
    while (POSTGRES && !(await analyzed()) && Date.now() < by) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(await analyzed(), Boolean(POSTGRES));
  } finally {
    await t.close();
  }
});

test(`comments (${dialectName}): a post is logged in one line, with what it stored and never the visitor's address`, async () => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  const t = await testApp({ sites: [{ id: 'firm', origins: [], moderation: 'approve' }] }, undefined, { level: 'info', stream });
  try {
    const posted = await t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: json, remoteAddress: '203.0.113.7', payload: comment() });
    assert.equal(posted.statusCode, 201);
    const sent = await t.app.inject({ method: 'POST', url: '/api/firm/messages', headers: json, remoteAddress: '203.0.113.7', payload: message() });
    assert.equal(sent.statusCode, 201);
    assert.equal(lines.length, 2, JSON.stringify(lines));
    assert.deepEqual(
      lines.map(({ route, status, site, comment, comment_status, message }) => ({ route, status, site, comment, comment_status, message })),
      [
        { route: '/api/:site/comments', status: 201, site: 'firm', comment: Number(posted.json().id), comment_status: 'approved', message: undefined },
        { route: '/api/:site/messages', status: 201, site: 'firm', comment: undefined, comment_status: undefined, message: Number(sent.json().id) },
      ],
    );
    assert.ok(!JSON.stringify(lines).includes('203.0.113'), 'the address is logged');
  } finally {
    await t.close();
  }
});

test(`comments (${dialectName}): a comment deleted at the desk frees its address's place and its words, as on either database`, async () => {
  const t = await testApp({ sites: [{ id: 'firm', origins: [], moderation: 'approve' }], spam: { perAddress: { comments: 2, windowMinutes: 10 } } });
  try {
    const from = (content: string) => t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: json, remoteAddress: '203.0.113.7', payload: comment({ content }) });
    const first = await from('First words');
    assert.equal(first.statusCode, 201);
    assert.equal((await from('Second words')).statusCode, 201);
    assert.equal((await from('Third words')).statusCode, 429);
    assert.deepEqual(await moderate(t.store, t.config, 'firm', [Number(first.json().id)], 'delete', 'owner@firm.example', new Date()), [Number(first.json().id)]);
    // Its place is free again, and its words may be posted again.
    assert.equal((await from('First words')).statusCode, 201);
    assert.equal((await from('Fourth words')).statusCode, 429);
  } finally {
    await t.close();
  }
});

test(`posts (${dialectName}): the indexes by address are kept only where the per-address limit reads them (SQLite), not written for nothing by every post on PostgreSQL`, async () => {
  const t = await testEnv();
  try {
    const names = POSTGRES
      ? (await sql<{ name: string }>`select indexname as name from pg_indexes where tablename in ('comments', 'messages') and schemaname = current_schema()`.execute(t.store.db)).rows
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name in ('comments', 'messages')`.execute(t.store.db)).rows;
    const byAddress = names.map((n) => n.name).filter((n) => n.endsWith('_by_address')).sort();
    assert.deepEqual(byAddress, POSTGRES ? [] : ['comments_by_address', 'messages_by_address']);
  } finally {
    await t.close();
  }
});
