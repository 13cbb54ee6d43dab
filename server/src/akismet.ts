/**
 * Akismet, for a site that opts in (`sites[].akismet` in the config): asked about a comment or
 * message that passed the server's own checks, before it is stored. Its "spam" keeps the post as
 * spam (never mailed, listed in the desk); anything else it does (no answer in time, an error,
 * an answer that is neither "true" nor "false", a refused key) leaves the post as it would be
 * without Akismet, with one log line: a visitor's words are never lost to a third party's bad day.
 *
 * Hand-written over node's fetch rather than an Akismet package: one form post and a one-word
 * answer, and what is sent must stay exactly what the README's privacy notes list.
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { AkismetConfig } from './config.ts';
import type { Database } from './db/schema.ts';
import type { Store } from './db/index.ts';
import { postChecks, type PostLimits } from './routes/limits.ts';

/** Akismet asks for "<application>/<version> | <library>/<version>". */
const USER_AGENT = 'firm-widgets-server/0.1 | firm-widgets-akismet/1';
/** Akismet answers "true" or "false"; anything longer is not an answer, and is not read further. */
const MAX_ANSWER_BYTES = 64;

/** What a post tells Akismet about itself, beyond the visitor's address and browser. */
export interface AkismetPost {
  /** Akismet's `comment_type`. */
  type: 'comment' | 'reply' | 'contact-form';
  author: string;
  email: string;
  url?: string;
  content: string;
}

export interface AkismetVisitor {
  /** The address the post came from (Akismet requires it; it is never stored here). */
  ip: string;
  userAgent?: string;
}

/** Akismet's verdict: spam (`discard`: spam so blatant Akismet says it need not be kept), ham. */
export type AkismetVerdict = { spam: true; discard: boolean } | { spam: false };

/** Why Akismet's answer could not be used (logged; the post goes on without it). */
export class AkismetUnusable extends Error {
  constructor(
    readonly reason: 'timeout' | 'unreachable' | 'status' | 'answer',
    detail: string,
  ) {
    super(detail);
  }
}

/**
 * Exactly the fields sent to Akismet (the README's privacy notes list them): its account, the
 * visitor's address and browser, and what the visitor wrote in the fields a spammer fills.
 * Not the phone, topic, language or page of a message, nor anything stored about the visitor.
 */
export function akismetForm(akismet: AkismetConfig, visitor: AkismetVisitor, post: AkismetPost): URLSearchParams {
  const form = new URLSearchParams({
    api_key: akismet.key,
    blog: akismet.blog,
    blog_charset: 'UTF-8',
    user_ip: visitor.ip,
    comment_type: post.type,
    comment_author: post.author,
    comment_author_email: post.email,
    comment_content: post.content,
  });
  if (visitor.userAgent) form.set('user_agent', visitor.userAgent);
  if (post.url) form.set('comment_author_url', post.url);
  return form;
}

/** The start of an answer's body, at most `max` bytes: enough to tell "true" from "false". */
async function answerStart(res: Response, max: number): Promise<string> {
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    chunks.push(chunk);
    size += chunk.byteLength;
    if (size > max) break;
  }
  return Buffer.concat(chunks).subarray(0, max + 1).toString('utf8');
}

/** Akismet's comment-check. Throws {@link AkismetUnusable} when its answer cannot be used. */
export async function checkWithAkismet(akismet: AkismetConfig, visitor: AkismetVisitor, post: AkismetPost): Promise<AkismetVerdict> {
  let res: Response;
  let answer: string;
  try {
    res = await fetch(`${akismet.endpoint}/1.1/comment-check`, {
      method: 'POST',
      headers: { 'user-agent': USER_AGENT },
      body: akismetForm(akismet, visitor, post),
      signal: AbortSignal.timeout(akismet.timeoutMs),
      redirect: 'error',
    });
    answer = (await answerStart(res, MAX_ANSWER_BYTES)).trim();
  } catch (error) {
    const name = (error as Error).name;
    if (name == 'TimeoutError' || name == 'AbortError') throw new AkismetUnusable('timeout', `no answer in ${akismet.timeoutMs} ms`);
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new AkismetUnusable('unreachable', cause ?? (error as Error).message);
  }
  // Akismet explains a refused key or a missing field in this header (never a visitor's words).
  const help = res.headers.get('x-akismet-debug-help')?.slice(0, 200);
  if (res.status != 200) throw new AkismetUnusable('status', `HTTP ${res.status}${help ? `: ${help}` : ''}`);
  if (answer == 'true') return { spam: true, discard: res.headers.get('x-akismet-pro-tip') == 'discard' };
  if (answer == 'false') return { spam: false };
  // "invalid" (a wrong key or blog), an error page, anything else.
  throw new AkismetUnusable('answer', `${JSON.stringify(answer.slice(0, 20))}${help ? `: ${help}` : ''}`);
}

/**
 * The flag a post gets from Akismet when its site opted in: `akismet` (or `akismet:discard`)
 * for spam, else undefined (ham, Akismet off or unusable: the post goes on as without it).
 * Called only for posts that passed the server's own checks, outside the post's transaction
 * (a slow Akismet must not hold a database lock). A visitor already at the address limit or a
 * site at its daily cap is not asked about: the post will be refused anyway, and a flood would
 * spend the firm's Akismet calls and send words that are never kept. That look runs outside
 * the per-address lock (and counts only posts already stored), so it is a saving, not a bound:
 * posts sent at once from one address all pass it and may each reach Akismet, though only
 * those within the limit are then kept.
 */
export async function akismetFlag(req: FastifyRequest, store: Store, limits: PostLimits, post: AkismetPost): Promise<string | undefined> {
  const akismet = req.site.akismet;
  if (!akismet || (limits.kind == 'message' && !akismet.messages)) return undefined;

  // postChecks reads through a transaction's interface; outside one, the database's is the same.
  const found = await postChecks(store.db as Kysely<Database> as Transaction<Database>, limits).executeTakeFirstOrThrow();
  const overAddress = Number(found.recent) >= limits.perAddress;
  const overDaily = limits.dailyCap > 0 && Number(found.today ?? 0) >= limits.dailyCap;
  if (overAddress || overDaily) return undefined;

  try {
    const verdict = await checkWithAkismet(akismet, { ip: req.ip, userAgent: req.headers['user-agent'] }, post);
    if (!verdict.spam) return undefined;
    return verdict.discard ? 'akismet:discard' : 'akismet';
  } catch (error) {
    // Whatever went wrong with Akismet, the post goes on without it.
    const reason = error instanceof AkismetUnusable ? error.reason : 'error';
    req.log.warn({ site: limits.site, akismet: reason, detail: (error as Error).message }, `akismet unusable (${reason}): the ${limits.kind} is kept as without it`);
    return undefined;
  }
}
