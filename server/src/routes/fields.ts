/** What both forms' fields share. */

/** A plain address check, as the forms make it; the mail server has the last word. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A name, topic or phone: one line, no control characters (they would end up in mail headers). */
// eslint-disable-next-line no-control-regex
export const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
