/**
 * Mail goes through the outbox table: a request only adds a row (in the transaction that
 * stores what the mail is about), and this worker sends it, with retries and backoff. Each row
 * keeps its state: `queued`, `sending` (claimed by one worker until its lease runs out), `sent`,
 * or `failed` with the mail server's error. A mail server that is down loses nothing.
 *
 * Without SMTP, each mail is written as `<data>/mail/<site>/<id>.eml` (written under a
 * temporary name, then renamed: a file there is complete, and a retry replaces it whole).
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter, type TransportOptions } from 'nodemailer';
import { sql, type ExpressionBuilder, type Insertable, type Transaction, type Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import { OUTBOX_PENDING, type Database, type OutboxTable } from './db/schema.ts';
import type { Selectable } from 'kysely';

/** How often the worker looks for due mail when nothing nudges it (another process may have queued some). */
export const POLL_MS = 2000;
/** A claim lasts this long: a worker killed while sending frees its mail after it. */
export const LEASE_MS = 120_000;
/** The first retry waits this long, each next one twice as long, up to MAX_BACKOFF_MS. */
export const BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 3_600_000;
/** Tries before a mail is `failed` for good (about a day with the backoff above). */
export const MAX_ATTEMPTS = 10;
/** Rows claimed per round, sending through SMTP (each marked sent as soon as the server took it). */
const BATCH = 10;
/**
 * Rows claimed per round when mail is written as files: a round writes them all, then marks them
 * sent in one statement. A crash in between writes those files again, each replacing itself
 * whole, so nothing is lost or doubled; and the database sees two statements a round, not one
 * per mail (under a stream of messages, a statement per mail was a fifth of a message's cost).
 */
const FILE_BATCH = 100;
// SMTP's permanent failures are 5xx replies: trying again cannot help.
const SMTP_PERMANENT = 500;
const SMTP_TIMEOUT_MS = 20_000;

export interface QueuedMail {
  site: string;
  about: string;
  recipients: string[];
  replyTo?: string;
  subject: string;
  body: string;
  at: Date;
  /** Extra headers (List-Unsubscribe on reply notifications). */
  headers?: Record<string, string>;
}

/** Adds a mail to the outbox inside the caller's transaction: stored with what it is about, or not at all. */
export async function queueMail(trx: Transaction<Database>, config: Config, mail: QueuedMail): Promise<void> {
  await trx.insertInto('outbox').values(outboxRow(config, mail)).execute();
}

/** A mail as its outbox row, queued and due at once. */
export function outboxRow(config: Config, mail: QueuedMail): Insertable<OutboxTable> {
  const host = new URL(config.publicUrl).hostname || 'localhost';
  return {
    site: mail.site,
    about: mail.about,
    recipients: mail.recipients.join(', '),
    reply_to: mail.replyTo ?? null,
    subject: mail.subject,
    body: mail.body,
    message_id: `<${randomUUID()}@${host}>`,
    state: 'queued',
    attempts: 0,
    next_at: mail.at.toISOString(),
    created_at: mail.at.toISOString(),
    ...(mail.headers && { headers: JSON.stringify(mail.headers) }),
  };
}

export interface OutboxOptions {
  db: Kysely<Database>;
  config: Config;
  log: FastifyBaseLogger;
  /** A transport to use instead of the config's (tests). */
  transport?: Transporter;
  now?: () => Date;
  backoffMs?: number;
  pollMs?: number;
  leaseMs?: number;
}

type Row = Selectable<OutboxTable>;

/** A mail the transport took (or wrote as `file`), to be marked sent. */
interface Delivered {
  row: Row;
  file?: string;
}

/**
 * The claim: rows due at `now` (queued and due, or claimed by a worker whose lease ran out), the
 * oldest `batch` of them, taken by `lease` until `until`. Found among the rows still to send
 * (their partial index, migration 014), never by reading the sent ones.
 */
export function claimQuery(db: Kysely<Database>, c: { now: Date; until: Date; lease: string; batch: number }) {
  const now = c.now.toISOString();
  const due = (eb: ExpressionBuilder<Database, 'outbox'>) => eb.or([eb.and([eb('state', '=', 'queued'), eb('next_at', '<=', now)]), eb.and([eb('state', '=', 'sending'), eb('lease_until', '<', now)])]);
  return db
    .updateTable('outbox')
    .set((eb) => ({ state: 'sending', lease: c.lease, lease_until: c.until.toISOString(), attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', (eb) => eb.selectFrom('outbox').select('id').where(sql.raw<boolean>(OUTBOX_PENDING)).where(due).orderBy('id').limit(c.batch))
    .where(due)
    .returningAll();
}

export class Outbox {
  readonly #db: Kysely<Database>;
  readonly #config: Config;
  readonly #log: FastifyBaseLogger;
  readonly #transport: Transporter;
  readonly #toFiles: boolean;
  readonly #now: () => Date;
  readonly #backoffMs: number;
  readonly #pollMs: number;
  readonly #leaseMs: number;
  /** This worker's name on the rows it claims. */
  readonly #lease = randomUUID();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = true;

  constructor(options: OutboxOptions) {
    this.#db = options.db;
    this.#config = options.config;
    this.#log = options.log;
    this.#now = options.now ?? (() => new Date());
    this.#backoffMs = options.backoffMs ?? BACKOFF_MS;
    this.#pollMs = options.pollMs ?? POLL_MS;
    this.#leaseMs = options.leaseMs ?? LEASE_MS;
    this.#toFiles = !options.transport && !options.config.mail.smtp;
    this.#transport =
      options.transport ??
      (options.config.mail.smtp
        ? nodemailer.createTransport({
            url: options.config.mail.smtp,
            connectionTimeout: SMTP_TIMEOUT_MS,
            greetingTimeout: SMTP_TIMEOUT_MS,
            socketTimeout: SMTP_TIMEOUT_MS,
          } as TransportOptions)
        : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }));
  }

  /** Where mail files go (without SMTP). */
  get mailDir(): string {
    return join(this.#config.data, 'mail');
  }

  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Mail was queued: look now rather than at the next poll. */
  nudge(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#schedule(0);
  }

  /** Stops polling and waits for the mail being sent (a graceful shutdown loses no send). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    this.#transport.close();
  }

  /** One round: claims what is due and sends it. Resolves with how many were claimed. */
  async runOnce(): Promise<number> {
    const claimed = await this.#claim();
    const written: Delivered[] = [];
    for (const row of claimed) {
      const delivered = await this.#send(row);
      if (!delivered) continue;
      // A mail server took it: marked sent at once, so that a crash sends it again only if it
      // came between the two. A file is marked with the round's others (see FILE_BATCH).
      if (this.#toFiles) written.push(delivered);
      else await this.#markSent([delivered]);
    }
    await this.#markSent(written);
    return claimed.length;
  }

  /** Rows claimed per round. */
  get #batch(): number {
    return this.#toFiles ? FILE_BATCH : BATCH;
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#round(), ms);
    this.#timer.unref();
  }

  async #round(): Promise<void> {
    if (this.#stopped || this.#running) return;
    let full = false;
    this.#running = (async () => {
      try {
        full = (await this.runOnce()) == this.#batch;
      } catch (err) {
        this.#log.error({ err }, 'outbox round failed');
      }
    })();
    await this.#running;
    this.#running = undefined;
    if (this.#stopped) return;
    const soon = full || this.#again;
    this.#again = false;
    this.#schedule(soon ? 0 : this.#pollMs);
  }

  /**
   * Rows due now (queued and due, or claimed by a worker whose lease ran out), claimed in one
   * statement: the update's own condition is checked again on each row it locks, so a row
   * another worker claimed meanwhile is skipped, never claimed twice.
   */
  async #claim(): Promise<Row[]> {
    const now = this.#now();
    const claimed = await claimQuery(this.#db, { now, until: new Date(now.getTime() + this.#leaseMs), lease: this.#lease, batch: this.#batch }).execute();
    return claimed.sort((a, b) => a.id - b.id);
  }

  /** Sends one mail (or writes its file); resolves with it when delivered, or records why not. */
  async #send(row: Row): Promise<Delivered | undefined> {
    const mail = {
      from: this.#config.mail.from,
      to: row.recipients,
      replyTo: row.reply_to ?? undefined,
      subject: row.subject,
      text: row.body,
      messageId: row.message_id,
      date: new Date(row.created_at),
      headers: { 'X-Firm-About': row.about, ...(row.headers ? (JSON.parse(row.headers) as Record<string, string>) : {}) },
    };
    try {
      const info = await this.#transport.sendMail(mail);
      // Written before the row says sent, so a crash between the two sends it again rather than losing it.
      const file = this.#toFiles ? this.#writeFile(row, (info as unknown as { message: Buffer }).message) : undefined;
      return { row, file };
    } catch (err) {
      const e = err as Error & { responseCode?: number; code?: string };
      const permanent = (e.responseCode ?? 0) >= SMTP_PERMANENT;
      const failed = permanent || row.attempts >= MAX_ATTEMPTS;
      const wait = Math.min(this.#backoffMs * 2 ** (row.attempts - 1), MAX_BACKOFF_MS);
      await this.#db
        .updateTable('outbox')
        .set({
          state: failed ? 'failed' : 'queued',
          next_at: new Date(this.#now().getTime() + wait).toISOString(),
          lease: null,
          lease_until: null,
          last_error: String(e.message).slice(0, 1000),
          // Failed for good, it will never be sent: like a sent one, it keeps no body or headers
          // (a resend from the desk writes a new mail from the message itself).
          ...(failed && { body: '', headers: null }),
        })
        .where('id', '=', row.id)
        .where('lease', '=', this.#lease)
        .execute();
      this.#log.warn({ outbox: row.id, about: row.about, attempts: row.attempts, error: e.message, failed }, failed ? 'mail failed' : 'mail will be retried');
      return undefined;
    }
  }

  /** Marks delivered mails sent, in one statement, and tells each in the log. */
  async #markSent(delivered: Delivered[]): Promise<void> {
    if (!delivered.length) return;
    const ids = delivered.map((d) => d.row.id);
    const marked = await this.#db
      .updateTable('outbox')
      // Sent, the row keeps only what the desk shows (state, recipients, when): the body and
      // headers go, with the words of the message or comment and the tokens of the mail's
      // links (the database keeps only their hashes, desk/links.ts), so a read of the database
      // cannot act on a link, and nothing about a person outlives its mail here.
      .set({ state: 'sent', sent_at: this.#now().toISOString(), lease: null, lease_until: null, last_error: null, body: '', headers: null })
      .where('id', 'in', ids)
      .where('lease', '=', this.#lease)
      .returning('id')
      .execute();
    const markedIds = new Set(marked.map((m) => m.id));
    // A row that went while its mail was on its way (a person's erasure, desk/people.ts, which
    // also removes the file if it was already there): the file written after it goes too.
    const unmarked = delivered.filter((d) => d.file && !markedIds.has(d.row.id));
    if (unmarked.length) {
      const still = new Set((await this.#db.selectFrom('outbox').select('id').where('id', 'in', unmarked.map((d) => d.row.id)).execute()).map((r) => r.id));
      for (const d of unmarked) if (!still.has(d.row.id)) rmSync(d.file!, { force: true });
    }
    for (const { row } of delivered) this.#log.info({ outbox: row.id, about: row.about, attempts: row.attempts }, 'mail sent');
  }

  /** Writes a mail's file; resolves with its path. */
  #writeFile(row: Row, message: Buffer): string {
    const dir = join(this.mailDir, row.site);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${row.id}.eml`);
    writeFileSync(`${file}.tmp`, message);
    renameSync(`${file}.tmp`, file);
    return file;
  }
}
