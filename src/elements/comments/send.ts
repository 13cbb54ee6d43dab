import { isEmail } from '../../core/field.js';
import { safeUrl } from './rich.js';
import { withScheme } from './author.js';
import type { Comment, Draft, Status } from './sources/source.js';

/**
 * The comment form's send, as data: what is checked, what goes to the server, what is shown once
 * the server has it, and what the form keeps for the next comment. Pure: the element sends and
 * draws.
 */

/** The draft as it is checked and sent: the website as people write it, with its https. */
export const tidied = (d: Draft): Draft => ({ ...d, url: withScheme(d.url.trim()) });

/** Each field with what is wrong with it (falsy: nothing). */
export const problems = (d: Draft): Record<string, unknown> => ({
  name: !d.name.trim(),
  email: !isEmail(d.email.trim()),
  url: d.url && !safeUrl(d.url),
  content: !d.content.trim(),
});

/**
 * What goes to the server: mail about replies only where the form offers it (`mails`), and then
 * with the language the form speaks; otherwise neither.
 */
export function outgoing(d: Draft, mails: boolean, lang: string): Draft {
  const notify = mails && d.notify;
  return { ...d, notify: notify || undefined, lang: notify ? lang : undefined };
}

/** The comment as shown once the server has it: under the comment it answers, held if the server holds it. */
export const accepted = (comment: Comment, parent: string, status: Status): Comment => ({ ...comment, parent: comment.parent || parent, hold: status === 'hold' });

/**
 * The form after a comment went: name, email, website and "Remember me" stay; the text and the
 * comment it answered go, and the box about replies starts unticked (it asks about one comment).
 */
export const afterSend = (d: Draft): Draft => ({ ...d, content: '', parent: '', notify: false, since: 0 });
