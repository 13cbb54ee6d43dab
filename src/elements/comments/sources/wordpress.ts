import { request, SendError } from '../../../core/http.js';
import { wpRoot, wpUrl, wpFailure } from '../../../core/wordpress.js';
import { parse } from '../rich.js';
import { answer, post, type Comment, type Source } from './source.js';

/** A WordPress site's own comments, through its REST API (`/wp/v2/comments`). */

type WpComment = {
  id?: number;
  parent?: number;
  author_name?: string;
  author_url?: string;
  author_avatar_urls?: Record<string, string>;
  date_gmt?: string;
  content?: { rendered?: string };
  status?: string;
};

const str = (v: unknown) => (typeof v === 'string' ? v : '');

const read = (c: WpComment): Comment => {
  const date = str(c.date_gmt);
  return {
    id: String(c.id),
    parent: c.parent ? String(c.parent) : '',
    author: str(c.author_name),
    url: str(c.author_url),
    avatar: str(c.author_avatar_urls?.['96']),
    // WordPress gives GMT without a zone designator.
    date: date && !/(Z|[+-]\d\d:?\d\d)$/i.test(date) ? date + 'Z' : date,
    content: parse(str(c.content?.rendered)),
  };
};

/** WordPress's field names (`author_email`) as the element's (`email`). */
async function fail(res: Response): Promise<SendError> {
  const e = await wpFailure(res);
  const fields = e.details.fields && Object.fromEntries(Object.entries(e.details.fields).map(([k, v]) => [k.replace('author_', ''), v]));
  return new SendError(e.kind, e.message, { ...e.details, fields });
}

const FIELDS = 'id,parent,author_name,author_url,author_avatar_urls,date_gmt,content,status';

export const wordpress = (site: string): Source => ({
  async list(id, { page, size, order }) {
    // WordPress refuses more than 100 a page.
    const query = { post: id, page, per_page: Math.min(size, 100), order: order === 'newest' ? 'desc' : 'asc', _fields: FIELDS };
    const res = await request(wpUrl(await wpRoot(site), 'wp/v2/comments', query));
    const list = await answer<WpComment[]>(res, fail);
    const header = (name: string) => Number(res.headers.get(name)) || 0;
    return { comments: list.map(read), total: header('X-WP-Total'), more: page < header('X-WP-TotalPages') };
  },

  async create(id, d, guard) {
    const body = { post: +id, parent: +d.parent || 0, author_name: d.name, author_email: d.email, author_url: d.url, content: d.content, ...guard };
    const c = await answer<WpComment>(await request(wpUrl(await wpRoot(site), 'wp/v2/comments'), post(body)), fail);
    return { comment: read(c), status: c.status === 'approved' ? 'approved' : 'hold' };
  },
});
