// The forms' endpoints read as an attacker would: characters PostgreSQL cannot store, and
// banned words and links dressed up so a plain comparison misses them.
import { test } from 'node:test';
import { connect, type Socket } from 'node:net';
import assert from 'node:assert/strict';
import { testApp, comment, message, snapshot, dialectName } from './helpers.ts';
import { bannedWord, countLinks } from '../src/spam.ts';

const json = { 'content-type': 'application/json' };
/** The server's limit for a whole request is 15 s (app.ts); node looks every 5 s. */
const DROPPED_WITHIN_MS = 26_000;
const form = { 'content-type': 'application/x-www-form-urlencoded' };

test(`abuse (${dialectName}): a NUL in any field or query is refused as a wrong field, never a 500, and changes nothing`, async () => {
  const t = await testApp();
  try {
    const before = await snapshot(t.store);
    const comments = (over: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: json, payload: comment(over) });
    const content = await comments({ content: 'a\u0000b' });
    assert.equal(content.statusCode, 422, content.body);
    assert.deepEqual(Object.keys(content.json().fields), ['content']);
    const thread = await comments({ thread: 'visa\u0000' });
    assert.equal(thread.statusCode, 422, thread.body);
    assert.deepEqual(Object.keys(thread.json().fields), ['thread']);
    const url = await comments({ url: 'https://a.example/\u0000' });
    assert.equal(url.statusCode, 422, url.body);

    const listing = await t.app.inject({ url: '/api/firm/comments?thread=visa%00' });
    assert.equal(listing.statusCode, 400, listing.body);
    assert.deepEqual(Object.keys(listing.json().fields), ['thread']);

    const messages = (payload: string | object, headers = json) => t.app.inject({ method: 'POST', url: '/api/firm/messages', headers, payload });
    for (const over of [{ message: 'a\u0000b' }, { email: 'ana\u0000@example.com' }]) {
      const r = await messages(message(over));
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().code, 'firm_invalid');
      assert.deepEqual(Object.keys(r.json().fields), Object.keys(over));
    }
    const urlencoded = await messages(new URLSearchParams({ ...message(), consent: 'true', firm_elapsed: '48210', message: 'x\u0000' }).toString(), form);
    assert.equal(urlencoded.statusCode, 400, urlencoded.body);

    // The desk's sign-in, open to anyone.
    const signIn = await t.app.inject({ method: 'POST', url: '/admin/api/session', headers: json, payload: { email: 'owner\u0000@firm.example', password: 'x' } });
    assert.ok(signIn.statusCode >= 400 && signIn.statusCode < 500, `${signIn.statusCode} ${signIn.body}`);

    assert.equal(await snapshot(t.store), before);
    // A NUL's neighbours are no trouble.
    assert.equal((await comments({ content: 'tab\there, bell \u0007, lone \ud800' })).statusCode, 201);
  } finally {
    await t.close();
  }
});

test('abuse: banned words and links dressed up are still found', () => {
  const banned = ['casino', 'cheap pills', 'bit.ly'];
  const dressed = [
    'ca\u200bsino', // a zero-width space inside
    'cas\u00adino', // a soft hyphen
    'ｃａｓｉｎｏ', // fullwidth
    '𝐜𝐚𝐬𝐢𝐧𝐨', // mathematical bold
    'c\u0336a\u0336s\u0336i\u0336n\u0336o\u0336', // struck through with combining marks
    'CASINO',
    'casino.com',
    'casino_2024',
    'casino2024',
    "casino's",
    '\u202ecasino\u202c', // a bidi override around it
  ];
  for (const text of dressed) assert.equal(bannedWord(`Visit ${text} today`, banned), 'casino', JSON.stringify(text));
  for (const text of ['cheap\n pills', 'cheap\u00a0pills', 'CHEAP   PILLS', 'cheap\u200b pills']) assert.equal(bannedWord(text, banned), 'cheap pills', JSON.stringify(text));
  assert.equal(bannedWord('see bit.ly/abc', banned), 'bit.ly');
  // Words that only contain a banned one, and accented letters of real words, are not it.
  for (const text of ['Casinos', 'occasional', 'año', 'cheap pillows? no: cheap pill']) assert.equal(bannedWord(text, banned), undefined, text);
  // Banned words are read the same way as the text.
  assert.equal(bannedWord('casino', ['ＣＡＳＩＮＯ']), 'ＣＡＳＩＮＯ');

  assert.equal(countLinks('ｈｔｔｐｓ：／／a.example'), 1);
  assert.equal(countLinks('ht\u200btps://a.example and ＷＷＷ．b.example and HTTP://C.EXAMPLE'), 3);
  assert.equal(countLinks('no links: e.g. www or https alone'), 0);
});

test(`abuse (${dialectName}): a dressed-up banned word or link count flags the comment through the route`, async () => {
  const t = await testApp({ spam: { maxLinks: 1, bannedWords: ['casino'], perAddress: { comments: 100 } } });
  try {
    const post = (content: string) => t.app.inject({ method: 'POST', url: '/api/open/comments', headers: json, payload: comment({ content }) });
    const cases: [string, string | null][] = [
      ['Best ｃａｓｉｎｏ here', 'word:casino'],
      ['Play at casino.example', 'word:casino'],
      ['ｈｔｔｐｓ：／／a.example and ht\u200btps://b.example', 'links'],
      ['Our casinos case went well', null],
    ];
    for (const [content, flag] of cases) {
      const r = await post(content);
      assert.equal(r.statusCode, 201);
      const row = await t.store.db.selectFrom('comments').select(['status', 'flag', 'content']).where('id', '=', Number(r.json().id)).executeTakeFirstOrThrow();
      // Stored as written: the folding is only how the checks read it.
      assert.deepEqual(row, { status: flag ? 'spam' : 'approved', flag, content });
    }
  } finally {
    await t.close();
  }
});

test(`abuse (${dialectName}): a name or topic cannot turn the text after it around (bidi overrides dropped)`, async () => {
  const t = await testApp();
  try {
    const c = await t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: json, payload: comment({ name: 'Ana \u202eseyeR\u202c', content: 'Hi' }) });
    assert.equal(c.statusCode, 201);
    assert.equal(c.json().author, 'Ana seyeR');
    const m = await t.app.inject({ method: 'POST', url: '/api/firm/messages', headers: json, payload: message({ name: '\u2067Ana', topic: 'Visas\u202d' }) });
    assert.equal(m.statusCode, 201);
    const row = await t.store.db.selectFrom('messages').select(['name', 'topic']).executeTakeFirstOrThrow();
    assert.deepEqual(row, { name: 'Ana', topic: 'Visas' });
    const mail = await t.store.db.selectFrom('outbox').select('subject').where('about', 'like', 'message:%').executeTakeFirstOrThrow();
    assert.ok(!/[\u202a-\u202e\u2066-\u2069]/.test(mail.subject), mail.subject);
    // Right-to-left names are written as they are: only the invisible controls go.
    const hebrew = await t.app.inject({ method: 'POST', url: '/api/firm/comments', headers: json, payload: comment({ name: 'דוד כהן', content: 'שלום' }) });
    assert.equal(hebrew.json().author, 'דוד כהן');
  } finally {
    await t.close();
  }
});

test(`abuse (${dialectName}): slow clients are dropped with a 408 within the request timeout, the body's included`, async () => {
  const t = await testApp();
  try {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const started = performance.now();
    const client = (start: (socket: Socket) => void) =>
      new Promise<{ ms: number; answer: string }>((done) => {
        let answer = '';
        const socket = connect(port, '127.0.0.1', () => start(socket));
        socket.on('data', (d) => (answer += d));
        socket.on('error', () => {});
        socket.on('close', () => done({ ms: performance.now() - started, answer }));
      });
    const head = 'POST /api/firm/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n';
    const drip = (socket: Socket) => {
      let i = 0;
      const timer = setInterval(() => (i < head.length && !socket.destroyed ? socket.write(head[i++]) : clearInterval(timer)), 1000);
    };
    const clients = await Promise.all([
      client(() => {}), // connects and says nothing
      client(drip), // its headers one byte a second
      client((socket) => socket.write(`${head}{"thread":`)), // headers, then never the whole body (took 90 s)
    ]);
    for (const [i, { ms, answer }] of clients.entries()) {
      assert.ok(ms < DROPPED_WITHIN_MS, `client ${i} dropped after ${Math.round(ms)} ms`);
      assert.match(answer, /^HTTP\/1\.1 408/, `client ${i}`);
    }
  } finally {
    await t.close();
  }
});
