import { wpPost, wpRoot, wpUrl } from '../../core/wordpress.js';

/**
 * Where a message goes: `rest` (our own small protocol), `wordpress` (the plugin's route) or
 * `mailto` (the visitor's mail program, no server). The body and answers are documented in
 * the README, under `<firm-contact-form>`.
 */
export interface Outgoing {
  name: string;
  email: string;
  phone: string;
  language: string;
  topic: string;
  message: string;
  consent: true;
  page: string;
  /** The same on every try of one message, and new when its words change, so a server can tell a resend from a new message. */
  key: string;
  firm_hp: string;
  firm_elapsed: number;
}

/**
 * POSTs the message to `endpoint` (`rest`), or to the plugin's route on the site at `endpoint`
 * (`wordpress`); url-encoded with `form`. Resolves once the server has it; otherwise rejects with
 * a SendError. Our rest protocol answers like the WordPress route, so one reader serves both.
 */
export const post = async (source: string, endpoint: string, message: Outgoing, form?: boolean): Promise<unknown> =>
  wpPost(source == 'wordpress' ? wpUrl(await wpRoot(endpoint), 'firm-widgets/v1/messages') : endpoint, message, form);

/** A mailto: URL with the message composed; line breaks as CRLF, as RFC 6068 asks. */
export function mailtoUrl(to: string, subject: string, lines: string[]): string {
  const q = (s: string) => encodeURIComponent(s);
  return `mailto:${q(to).replace('%40', '@')}?subject=${q(subject)}&body=${q(lines.join('\n').replace(/\r?\n/g, '\r\n'))}`;
}

/** FNV-1a's 32-bit offset basis and prime. */
const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * A message's `key`: when typing began, and a digest of what it says, so every try of one message
 * carries the same key and a message edited after a failure is a new one. FNV-1a, hand-written
 * because the key is no secret and Web Crypto's digest is asynchronous and missing on plain-http pages.
 */
export function messageKey(since: unknown, fields: string[]): string {
  let hash = FNV_BASIS;
  for (const ch of JSON.stringify(fields)) hash = Math.imul(hash ^ ch.charCodeAt(0), FNV_PRIME) >>> 0;
  return `${since}-${hash.toString(36)}`;
}
