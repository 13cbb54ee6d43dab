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
  /** The same on every try of one message, and new once anything in it changes, so a server can tell a resend from a new message. */
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
  wpPost(source == 'wordpress' ? wpUrl(wpRoot(endpoint), 'firm-widgets/v1/messages') : endpoint, message, form);

/** A mailto: URL with the message composed; line breaks as CRLF, as RFC 6068 asks. */
export function mailtoUrl(to: string, subject: string, lines: string[]): string {
  const q = (s: string) => encodeURIComponent(s);
  return `mailto:${q(to).replace('%40', '@')}?subject=${q(subject)}&body=${q(lines.join('\n').replace(/\r?\n/g, '\r\n'))}`;
}

