/**
 * A WordPress export (WXR: Tools → Export → All content, or Posts): each post's comments, their
 * thread the post's path, with authors, dates, threading and approval. Pingbacks and trackbacks
 * are not comments; trashed comments are left out.
 */
import { xmlParser, textOf } from './xml.ts';
import { htmlToText, isoDate, threadOf, type ImportedComment } from './text.ts';

type Node = Record<string, unknown>;

export function readWxr(xml: string): ImportedComment[] {
  const doc = xmlParser(['rss.channel.item', 'rss.channel.item.wp:comment']).parse(xml) as Node;
  const items = ((doc.rss as Node | undefined)?.channel as Node | undefined)?.item as Node[] | undefined;
  if (!items) throw new Error('not a WordPress export (no rss/channel/item)');
  const out: ImportedComment[] = [];
  for (const item of items) {
    const thread = threadOf(textOf(item.link));
    for (const c of (item['wp:comment'] as Node[] | undefined) ?? []) {
      const type = textOf(c['wp:comment_type']);
      if (type && type != 'comment') continue;
      const approved = textOf(c['wp:comment_approved']);
      if (approved == 'trash') continue;
      const parent = textOf(c['wp:comment_parent']);
      out.push({
        ref: textOf(c['wp:comment_id']),
        parentRef: parent && parent != '0' ? parent : null,
        thread,
        author: htmlToText(textOf(c['wp:comment_author'])),
        email: textOf(c['wp:comment_author_email']),
        url: textOf(c['wp:comment_author_url']),
        content: htmlToText(textOf(c['wp:comment_content'])),
        status: approved == '1' ? 'approved' : approved == 'spam' ? 'spam' : 'hold',
        date: isoDate(textOf(c['wp:comment_date_gmt']), true),
        ip: textOf(c['wp:comment_author_IP']) || undefined,
      });
    }
  }
  return out;
}
