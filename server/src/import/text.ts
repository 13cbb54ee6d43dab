/**
 * What the importers share: the common shape of an imported comment, and comment HTML (WordPress
 * and Disqus store HTML) turned into the plain text this server stores. The text is only ever
 * shown as text, so the conversion has to read well, not be safe: tags go, line breaks stay.
 */
import type { CommentStatus } from '../db/schema.ts';

export interface ImportedComment {
  /** The comment's id in the source, for threading. */
  ref: string;
  parentRef: string | null;
  /** The page's path: the thread `<firm-comments>` uses when it has no post-id. */
  thread: string;
  author: string;
  email: string;
  url: string;
  content: string;
  status: CommentStatus;
  /** ISO 8601, UTC. */
  date: string;
  /** The commenter's network address, if the source kept it (only its hash is stored). */
  ip?: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', mdash: '—', ndash: '–', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] == '#') {
      const code = name[1] == 'x' || name[1] == 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Comment HTML as text: <br> and paragraph ends become line breaks, other tags go, entities are decoded. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/\r\n?/g, '\n')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p\s*>/gi, '\n\n')
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A page address as the thread it names: its path; a value that is no address stays as it is. */
export function threadOf(link: string): string {
  try {
    return new URL(link).pathname;
  } catch {
    return link;
  }
}

/** A date the source wrote, as ISO 8601 UTC; `gmt` says it has no zone and is UTC ("2026-03-02 15:04:05"). */
export function isoDate(value: string, gmt = false): string {
  const t = Date.parse(gmt ? `${value.replace(' ', 'T')}Z` : value);
  return new Date(Number.isNaN(t) ? 0 : t).toISOString();
}
