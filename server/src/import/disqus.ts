/**
 * A Disqus export (Admin → Community → Export): threads by their page's path, posts with their
 * authors, dates, replies, and spam marked; deleted posts are left out.
 */
import { xmlParser, textOf } from './xml.ts';
import { htmlToText, isoDate, threadOf, type ImportedComment } from './text.ts';

type Node = Record<string, unknown>;
const dsqId = (n: unknown) => textOf((n as Node | undefined)?.['@dsq:id']);

export function readDisqus(xml: string): ImportedComment[] {
  const doc = xmlParser(['disqus.thread', 'disqus.post']).parse(xml) as Node;
  const disqus = doc.disqus as Node | undefined;
  if (!disqus) throw new Error('not a Disqus export (no disqus element)');
  const threads = new Map(((disqus.thread as Node[] | undefined) ?? []).map((t) => [dsqId(t), threadOf(textOf(t.link))]));
  const out: ImportedComment[] = [];
  for (const p of (disqus.post as Node[] | undefined) ?? []) {
    if (textOf(p.isDeleted) == 'true') continue;
    const thread = threads.get(dsqId(p.thread));
    if (thread === undefined) continue;
    const author = (p.author as Node | undefined) ?? {};
    out.push({
      ref: dsqId(p),
      parentRef: dsqId(p.parent) || null,
      thread,
      author: textOf(author.name) || textOf(author.username),
      email: textOf(author.email),
      url: '',
      content: htmlToText(textOf(p.message)),
      status: textOf(p.isSpam) == 'true' ? 'spam' : 'approved',
      date: isoDate(textOf(p.createdAt)),
      ip: textOf(p.ipAddress) || undefined,
    });
  }
  return out;
}
