/**
 * Moving in and out: `import wordpress|disqus|json FILE [SITE]`, `export SITE` (JSON on standard
 * output, which `import json` reads back), `backup [FILE]` (SQLite's online backup).
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from './config.ts';
import type { Store } from './db/index.ts';
import type { CommentStatus, MessageStatus, VisitorMessage } from './db/schema.ts';
import { listedMore } from './db/threads.ts';
import { jsonTail } from './routes/comments.ts';
import { addressKey } from './spam.ts';
import { readWxr } from './import/wxr.ts';
import { readDisqus } from './import/disqus.ts';
import type { ImportedComment } from './import/text.ts';

export const EXPORT_FORMAT = 'firm-widgets-server';
export const EXPORT_VERSION = 1;

export interface ExportedComment {
  id: string;
  parent: string | null;
  thread: string;
  author: string;
  url: string | null;
  content: string;
  status: CommentStatus;
  date: string;
}

export interface ExportedMessage extends VisitorMessage {
  id: string;
  key: string | null;
  status: MessageStatus;
  flag: string | null;
  date: string;
}

export interface Export {
  format: typeof EXPORT_FORMAT;
  version: number;
  site: string;
  exported: string;
  comments: ExportedComment[];
  messages: ExportedMessage[];
}

/** A site's comments and messages as JSON (commenters' emails are not kept, so not exported). */
export async function exportSite(store: Store, site: string, now = new Date()): Promise<Export> {
  const comments = await store.db.selectFrom('comments').selectAll().where('site', '=', site).orderBy('id').execute();
  const messages = await store.db.selectFrom('messages').selectAll().where('site', '=', site).orderBy('id').execute();
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    site,
    exported: now.toISOString(),
    comments: comments.map((c) => ({
      id: String(c.id),
      parent: c.parent === null ? null : String(c.parent),
      thread: c.thread,
      author: c.author,
      url: c.url,
      content: c.content,
      status: c.status,
      date: c.created_at,
    })),
    messages: messages.map((m) => ({
      id: String(m.id),
      key: m.key,
      name: m.name,
      email: m.email,
      phone: m.phone,
      language: m.language,
      topic: m.topic,
      message: m.message,
      page: m.page,
      status: m.status,
      flag: m.flag,
      date: m.created_at,
    })),
  };
}

export interface ImportResult {
  added: number;
  skipped: number;
  messages: number;
}

/**
 * Adds comments to `site` in one transaction: all or nothing. A comment already there (same
 * thread, author, email and words) is skipped, so an import can be run again; replies keep
 * their parent; approved ones are listed at once. Mail is sent for none of them.
 */
export async function importComments(store: Store, site: string, list: ImportedComment[], messages: ExportedMessage[] = []): Promise<ImportResult> {
  const sorted = [...list].sort((a, b) => a.date.localeCompare(b.date));
  return store.db.transaction().execute(async (trx) => {
    const ids = new Map<string, number>();
    const fresh: { id: number; c: ImportedComment }[] = [];
    const approved = new Map<string, number>();
    let skipped = 0;
    for (const c of sorted) {
      const contentHash = store.hash(`${c.author}\n${c.email.toLowerCase()}\n${c.content}`);
      const same = await trx.selectFrom('comments').select('id').where('site', '=', site).where('thread', '=', c.thread).where('content_hash', '=', contentHash).executeTakeFirst();
      if (same) {
        ids.set(c.ref, same.id);
        skipped++;
        continue;
      }
      const url = /^https?:\/\//i.test(c.url) ? c.url : null;
      const row = await trx
        .insertInto('comments')
        .values({
          site,
          thread: c.thread,
          parent: null,
          author: c.author,
          email_hash: store.hash(c.email.toLowerCase()),
          url,
          content: c.content,
          status: c.status,
          flag: c.status == 'spam' ? 'import' : null,
          created_at: c.date,
          addr_hash: store.hash(`${site}\n${c.ip ? addressKey(c.ip) : 'import'}`),
          content_hash: contentHash,
          json_tail: jsonTail({ parent: null, author: c.author, url, date: c.date, content: c.content }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(c.ref, row.id);
      fresh.push({ id: row.id, c });
      if (c.status == 'approved') approved.set(c.thread, (approved.get(c.thread) ?? 0) + 1);
    }
    // Replies, once every comment has its new id (a reply may come before its parent in the file).
    for (const { id, c } of fresh) {
      const parent = c.parentRef ? ids.get(c.parentRef) : undefined;
      if (parent === undefined) continue;
      const url = /^https?:\/\//i.test(c.url) ? c.url : null;
      await trx.updateTable('comments').set({ parent, json_tail: jsonTail({ parent, author: c.author, url, date: c.date, content: c.content }) }).where('id', '=', id).execute();
    }
    for (const [thread, n] of approved) await listedMore(trx, site, thread, n);

    let added = 0;
    for (const m of messages) {
      const contentHash = store.hash(JSON.stringify([m.name, m.email, m.phone, m.language, m.topic, m.message]));
      const same = await trx.selectFrom('messages').select('id').where('site', '=', site).where('content_hash', '=', contentHash).where('created_at', '=', m.date).executeTakeFirst();
      if (same) continue;
      await trx
        .insertInto('messages')
        .values({ site, key: m.key, content_hash: contentHash, name: m.name, email: m.email, phone: m.phone, language: m.language, topic: m.topic, message: m.message, page: m.page, status: m.status, flag: m.flag, addr_hash: store.hash(`${site}\nimport`), created_at: m.date })
        .execute();
      added++;
    }
    return { added: fresh.length, skipped, messages: added };
  });
}

/** Reads our own export back (checked: a file of another shape is refused, not half read). */
export function readExport(text: string): Export {
  const data = JSON.parse(text) as Partial<Export>;
  if (data.format != EXPORT_FORMAT || data.version != EXPORT_VERSION || !Array.isArray(data.comments) || !Array.isArray(data.messages)) {
    throw new Error(`not a ${EXPORT_FORMAT} export (version ${EXPORT_VERSION})`);
  }
  return data as Export;
}

const fromExport = (c: ExportedComment): ImportedComment => ({
  ref: c.id,
  parentRef: c.parent,
  thread: c.thread,
  author: c.author,
  email: '',
  url: c.url ?? '',
  content: c.content,
  status: c.status,
  date: c.date,
});

export async function transfer(command: string, args: string[], config: Config, store: Store, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const siteIds = config.sites.map((s) => s.id);
  switch (command) {
    case 'export': {
      out.write(`${JSON.stringify(await exportSite(store, args[0]), null, 1)}\n`);
      return 0;
    }
    case 'import': {
      const [kind, file, siteArg] = args;
      if (!['wordpress', 'disqus', 'json'].includes(kind) || !file) {
        err.write('firm-widgets-server: import wordpress|disqus|json FILE [SITE]\n');
        return 2;
      }
      let text: string;
      try {
        text = readFileSync(resolve(file), 'utf8');
      } catch (e) {
        err.write(`firm-widgets-server: cannot read ${file}: ${(e as Error).message}\n`);
        return 1;
      }
      let comments: ImportedComment[];
      let messages: ExportedMessage[] = [];
      let site = siteArg ?? (siteIds.length == 1 ? siteIds[0] : undefined);
      try {
        if (kind == 'json') {
          const data = readExport(text);
          comments = data.comments.map(fromExport);
          messages = data.messages;
          site = siteArg ?? data.site;
        } else comments = kind == 'wordpress' ? readWxr(text) : readDisqus(text);
      } catch (e) {
        err.write(`firm-widgets-server: ${file}: ${(e as Error).message}\n`);
        return 1;
      }
      if (!site || !siteIds.includes(site)) {
        err.write(`firm-widgets-server: import into which site? (${siteIds.join(', ')}), not "${site ?? ''}"\n`);
        return 2;
      }
      const result = await importComments(store, site, comments, messages);
      out.write(`imported into ${site}: ${result.added} comments (${result.skipped} already there), ${result.messages} messages\n`);
      return 0;
    }
    case 'backup': {
      if (!store.sqlite) {
        err.write('firm-widgets-server: backup copies the SQLite file; for PostgreSQL use pg_dump (see the README)\n');
        return 2;
      }
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = resolve(args[0] ?? join(config.data, 'backups', `firm-${stamp}.db`));
      mkdirSync(dirname(file), { recursive: true });
      await store.sqlite.backup(file);
      out.write(`backup written: ${file} (${statSync(file).size} bytes)\n`);
      return 0;
    }
    default:
      err.write(`firm-widgets-server: unknown command "${command}"\n`);
      return 2;
  }
}
