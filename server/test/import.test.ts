import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import SQLite from 'better-sqlite3';
import { testApp, dialectName, POSTGRES } from './helpers.ts';
import { readWxr } from '../src/import/wxr.ts';
import { readDisqus } from '../src/import/disqus.ts';
import { exportSite, importComments, readExport, transfer } from '../src/transfer.ts';

const WXR = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <item>
    <title>Visa interview tips</title>
    <link>https://smith-law.example/blog/visa-interview-tips/</link>
    <wp:post_id>42</wp:post_id>
    <wp:comment>
      <wp:comment_id>18</wp:comment_id>
      <wp:comment_author><![CDATA[Ben]]></wp:comment_author>
      <wp:comment_author_email><![CDATA[ben@example.com]]></wp:comment_author_email>
      <wp:comment_author_url></wp:comment_author_url>
      <wp:comment_author_IP><![CDATA[2001:db8::5]]></wp:comment_author_IP>
      <wp:comment_date_gmt><![CDATA[2026-03-03 09:00:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Agreed.]]></wp:comment_content>
      <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
      <wp:comment_type><![CDATA[comment]]></wp:comment_type>
      <wp:comment_parent>17</wp:comment_parent>
    </wp:comment>
    <wp:comment>
      <wp:comment_id>17</wp:comment_id>
      <wp:comment_author><![CDATA[Ana Reyes]]></wp:comment_author>
      <wp:comment_author_email><![CDATA[ana@example.com]]></wp:comment_author_email>
      <wp:comment_author_url><![CDATA[https://ana.example]]></wp:comment_author_url>
      <wp:comment_date_gmt><![CDATA[2026-03-02 15:04:05]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[<p>Thank you &amp; <b>welcome</b>!<br />Very clear.</p>]]></wp:comment_content>
      <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
      <wp:comment_type><![CDATA[]]></wp:comment_type>
      <wp:comment_parent>0</wp:comment_parent>
    </wp:comment>
    <wp:comment>
      <wp:comment_id>19</wp:comment_id>
      <wp:comment_author><![CDATA[Someone]]></wp:comment_author>
      <wp:comment_date_gmt><![CDATA[2026-03-04 10:00:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Waiting]]></wp:comment_content>
      <wp:comment_approved><![CDATA[0]]></wp:comment_approved>
      <wp:comment_parent>0</wp:comment_parent>
    </wp:comment>
    <wp:comment>
      <wp:comment_id>20</wp:comment_id>
      <wp:comment_author><![CDATA[Other blog]]></wp:comment_author>
      <wp:comment_date_gmt><![CDATA[2026-03-04 11:00:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Linked here]]></wp:comment_content>
      <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
      <wp:comment_type><![CDATA[pingback]]></wp:comment_type>
    </wp:comment>
    <wp:comment>
      <wp:comment_id>21</wp:comment_id>
      <wp:comment_author><![CDATA[Bin]]></wp:comment_author>
      <wp:comment_date_gmt><![CDATA[2026-03-04 12:00:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Deleted]]></wp:comment_content>
      <wp:comment_approved><![CDATA[trash]]></wp:comment_approved>
    </wp:comment>
  </item>
  <item>
    <title>No comments here</title>
    <link>https://smith-law.example/about/</link>
  </item>
</channel>
</rss>`;

const DISQUS = `<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="100"><link>https://smith-law.example/blog/green-cards/</link><title>Green cards</title></thread>
  <post dsq:id="501"><message><![CDATA[<p>First question</p>]]></message><createdAt>2026-01-05T10:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><name>Cruz</name><email>cruz@example.com</email></author><thread dsq:id="100"/></post>
  <post dsq:id="502"><message><![CDATA[<p>An answer</p>]]></message><createdAt>2026-01-06T10:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><name>Dee</name></author><thread dsq:id="100"/><parent dsq:id="501"/></post>
  <post dsq:id="503"><message><![CDATA[Buy now]]></message><createdAt>2026-01-07T10:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>true</isSpam>
    <author><name>Bot</name></author><thread dsq:id="100"/></post>
  <post dsq:id="504"><message><![CDATA[Gone]]></message><createdAt>2026-01-08T10:00:00Z</createdAt><isDeleted>true</isDeleted><isSpam>false</isSpam>
    <author><name>Eve</name></author><thread dsq:id="100"/></post>
</disqus>`;

const list = async (t: Awaited<ReturnType<typeof testApp>>, site: string, thread: string) =>
  (await t.app.inject({ url: `/api/${site}/comments?thread=${encodeURIComponent(thread)}` })).json();

test(`import (${dialectName}): a WordPress export keeps threads by path, authors, dates, replies and approval`, async () => {
  const t = await testApp();
  try {
    const comments = readWxr(WXR);
    assert.deepEqual(comments.map((c) => [c.ref, c.status]), [['18', 'approved'], ['17', 'approved'], ['19', 'hold']]);
    const result = await importComments(t.store, 'firm', comments);
    assert.deepEqual(result, { added: 3, skipped: 0, messages: 0 });
    const page = await list(t, 'firm', '/blog/visa-interview-tips/');
    assert.equal(page.total, 2);
    const [ana, ben] = page.comments;
    assert.deepEqual([ana.author, ana.content, ana.url, ana.date, ana.parent], ['Ana Reyes', 'Thank you & welcome!\nVery clear.', 'https://ana.example', '2026-03-02T15:04:05.000Z', null]);
    assert.deepEqual([ben.author, ben.parent, ben.date], ['Ben', ana.id, '2026-03-03T09:00:00.000Z']);
    // Run again: nothing doubles.
    assert.deepEqual(await importComments(t.store, 'firm', readWxr(WXR)), { added: 0, skipped: 3, messages: 0 });
    assert.equal((await list(t, 'firm', '/blog/visa-interview-tips/')).total, 2);
    const all = JSON.stringify(await t.store.db.selectFrom('comments').selectAll().execute());
    assert.ok(!all.includes('2001:db8') && !all.includes('ana@example.com'));
    assert.throws(() => readWxr('<rss></rss>'), /not a WordPress export/);
  } finally {
    await t.close();
  }
});

test(`import (${dialectName}): a Disqus export, spam kept as spam, deleted posts left out`, async () => {
  const t = await testApp();
  try {
    const result = await importComments(t.store, 'firm', readDisqus(DISQUS));
    assert.deepEqual(result, { added: 3, skipped: 0, messages: 0 });
    const page = await list(t, 'firm', '/blog/green-cards/');
    assert.deepEqual(page.comments.map((c: { author: string; content: string }) => [c.author, c.content]), [['Cruz', 'First question'], ['Dee', 'An answer']]);
    assert.equal(page.comments[1].parent, page.comments[0].id);
    const spam = await t.store.db.selectFrom('comments').select(['author', 'status']).where('status', '=', 'spam').execute();
    assert.deepEqual(spam, [{ author: 'Bot', status: 'spam' }]);
  } finally {
    await t.close();
  }
});

test(`export (${dialectName}): JSON that import json reads back into another server`, async () => {
  const a = await testApp();
  let b: Awaited<ReturnType<typeof testApp>> | undefined;
  try {
    b = await testApp();
    await importComments(a.store, 'firm', readWxr(WXR));
    await a.app.inject({ method: 'POST', url: '/api/firm/messages', headers: { 'content-type': 'application/json' }, payload: { name: 'Ana', email: 'ana@example.com', message: 'Call me', consent: true, key: 'k1', firm_elapsed: 9000 } });
    const exported = await exportSite(a.store, 'firm');
    const text = JSON.stringify(exported);
    const back = readExport(text);
    assert.deepEqual(await importComments(b.store, 'firm', back.comments.map((c) => ({ ref: c.id, parentRef: c.parent, thread: c.thread, author: c.author, email: '', url: c.url ?? '', content: c.content, status: c.status, date: c.date })), back.messages), {
      added: 3,
      skipped: 0,
      messages: 1,
    });
    assert.deepEqual(await list(b, 'firm', '/blog/visa-interview-tips/').then((p) => p.comments.map((c: { author: string; parent: string | null }) => c.author)), ['Ana Reyes', 'Ben']);
    const thread = await list(b, 'firm', '/blog/visa-interview-tips/');
    assert.equal(thread.comments[1].parent, thread.comments[0].id);
    assert.deepEqual((await b.store.db.selectFrom('messages').select(['name', 'message']).execute()), [{ name: 'Ana', message: 'Call me' }]);
    assert.throws(() => readExport('{"format":"other"}'), /not a firm-widgets-server export/);
  } finally {
    await a.close();
    await b?.close();
  }
});

test(`backup (${dialectName}): SQLite's online copy opens with every row; PostgreSQL is told to use pg_dump`, async () => {
  const t = await testApp();
  try {
    await importComments(t.store, 'firm', readWxr(WXR));
    let out = '';
    let err = '';
    const sink = (add: (s: string) => void) => new Writable({ write: (c, _e, done) => (add(String(c)), done()) });
    const file = join(t.dir, 'copy.db');
    const code = await transfer('backup', [file], t.config, t.store, sink((s) => (out += s)), sink((s) => (err += s)));
    if (POSTGRES) {
      assert.equal(code, 2);
      assert.match(err, /pg_dump/);
      assert.ok(!existsSync(file));
    } else {
      assert.equal(code, 0, err);
      assert.match(out, /backup written: .*copy\.db/);
      const copy = new SQLite(file, { readonly: true });
      assert.equal((copy.prepare('select count(*) n from comments').get() as { n: number }).n, 3);
      copy.close();
    }
  } finally {
    await t.close();
  }
});
