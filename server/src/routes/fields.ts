/** What both forms' fields share. */

/** A plain address check, as the forms make it; the mail server has the last word. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Bidi embeddings, overrides and isolates: no name needs one, and one left open turns around
 * whatever follows on its line (a mail's subject, the date beside a comment's author).
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** A name, topic or phone: one line, no control characters (they would end up in mail headers). */
// eslint-disable-next-line no-control-regex
export const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').replace(BIDI_CONTROLS, '').trim();

/** How deep a body's objects are searched (the desk's settings nest two levels). */
const MAX_DEPTH = 4;

/**
 * The first field of `value` (a parsed body or query) holding U+0000, by its top-level name.
 * No form can type one, and PostgreSQL's text cannot hold it: it refused the insert, and even a
 * search by such a thread, with a 500.
 */
export function nulField(value: unknown, name = '', depth = 0): string | undefined {
  if (typeof value == 'string') return value.includes('\u0000') ? name || 'body' : undefined;
  if (typeof value != 'object' || value === null || depth > MAX_DEPTH) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = nulField(item, name || key, depth + 1);
    if (found) return found;
  }
  return undefined;
}
