import { request } from '../../../core/http.js';
import { wpRoot, wpUrl, wpAnswer, wpPost } from '../../../core/wordpress.js';
import { plain, type Comment, type Source } from './source.js';

/**
 * A WordPress site's own comments, through its REST API (`/wp/v2/comments`). Refusals keep
 * WordPress's field names (`author_email`); the element reads them as its own.
 */

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

const read = (c: WpComment): Comment => ({
  // WordPress gives GMT without a zone designator.
  ...plain({ id: c.id, parent: c.parent || '', author: c.author_name, url: c.author_url, avatar: c.author_avatar_urls?.[48], date: c.date_gmt && c.date_gmt + 'Z', content: c.content?.rendered }),
  html: true,
});

/** The most comments WordPress gives in one answer. */
const WP_MAX = 100;

export const wordpress = (site: string): Source => {
  const url = (query?: Record<string, string | number>) => wpUrl(wpRoot(site), 'wp/v2/comments', query);
  return {
    async list(id, { page, size, order }) {
      // WordPress refuses more than 100 a request: a bigger page comes in parts, asked for at once.
      const parts = await Promise.all(
        Array.from({ length: Math.ceil(size / WP_MAX) }, async (_, k) => {
          const query = { post: id, offset: (page - 1) * size + k * WP_MAX, per_page: Math.min(size - k * WP_MAX, WP_MAX), order: order === 'newest' ? 'desc' : 'asc', _fields: 'id,parent,author_name,author_url,author_avatar_urls,date_gmt,content' };
          const res = await request(url(query));
          return { comments: (await wpAnswer<WpComment[]>(res)).map(read), total: Number(res.headers.get('X-WP-Total')) || 0 };
        }),
      );
      return { comments: parts.flatMap((p) => p.comments), total: parts[0].total };
    },

    async create(id, d, guard) {
      const body = { post: +id, parent: +d.parent || 0, author_name: d.name, author_email: d.email, author_url: d.url, content: d.content, ...guard };
      const c = await wpPost<WpComment>(url(), body);
      return { comment: read(c), status: c.status === 'approved' ? 'approved' : 'hold' };
    },
  };
};
