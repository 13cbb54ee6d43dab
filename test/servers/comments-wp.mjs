// A stand-in for WordPress's comments REST API, faithful where <firm-comments> depends on it:
// the REST root (?rest_route= everywhere; /wp-json/ and a Link header too, as WordPress has them), GET /wp/v2/comments with page, offset, per_page
// (at most 100), order (WordPress's default: desc) and _fields, X-WP-Total / X-WP-TotalPages,
// anonymous comments held (`status: "hold"`) and not listed, and WordPress's error answers.
//
// A site is /test-wpc/<mode>/<inject>/ where mode is link | pretty | plain (plain permalinks: only
// ?rest_route= answers) and inject is ok, approve (comments approved at once), one of WordPress's
// error codes below, or 500 | timeout | drop (for POSTs; add "list-" to fail GETs instead).
// Content is stored raw and rendered with paragraphs but NOT filtered, unlike WordPress: the
// worst server a sanitizer can meet.
// Test controls: POST /test-wpc/_seed {post, comments}, POST /test-wpc/_approve {id},
// GET /test-wpc/_sent?post=ID (every body POSTed for that post).
import { readJson, json, misbehave } from './lib/http.mjs';

const comments = [];
const sent = new Map();
let next = 1000;

const ERRORS = {
  rest_comment_login_required: [401, 'Sorry, you must be logged in to comment.'],
  rest_comment_invalid_post_id: [403, 'Sorry, you are not allowed to create this comment without a post.'],
  rest_comment_draft_post: [403, 'Sorry, you are not allowed to create a comment on this post.'],
  rest_comment_closed: [403, 'Sorry, comments are closed for this item.'],
  rest_comment_content_invalid: [400, 'Invalid comment content.'],
  rest_comment_author_data_required: [400, 'Creating a comment requires valid author name and email values.'],
  comment_duplicate: [409, 'Duplicate comment detected; it looks as though you&#8217;ve already said that!'],
  comment_flood: [400, 'You are posting comments too quickly. Slow down.'],
};

const error = (ctx, code, status, message, data = {}) => json(ctx, status, { code, message, data: { status, ...data } });

const autop = (raw) =>
  String(raw)
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${p.replace(/\n/g, '<br />\n')}</p>`)
    .join('\n') + '\n';

const view = (c, fields) => {
  const gravatar = 'https://secure.gravatar.com/avatar/0?s=';
  const full = {
    id: c.id,
    post: c.post,
    parent: c.parent ?? 0,
    author: 0,
    author_name: c.author_name ?? '',
    author_url: c.author_url ?? '',
    date: c.date_gmt,
    date_gmt: c.date_gmt,
    content: { rendered: c.rendered ?? autop(c.content ?? '') },
    link: `http://example.test/?p=${c.post}#comment-${c.id}`,
    status: c.status,
    type: 'comment',
    author_avatar_urls: c.author_avatar_urls ?? { 24: gravatar + 24, 48: gravatar + 48, 96: gravatar + 96 },
    meta: [],
  };
  return fields ? Object.fromEntries(fields.split(',').filter((f) => f in full).map((f) => [f, full[f]])) : full;
};

const now = () => new Date().toISOString().slice(0, 19);

async function comment(ctx, inject) {
  const q = ctx.query;
  if (ctx.method === 'GET') {
    if (inject.startsWith('list-') && (await misbehave(ctx, inject.slice(5)))) return;
    const perPage = Number(q.per_page ?? 10);
    if (!(perPage >= 1 && perPage <= 100)) return error(ctx, 'rest_invalid_param', 400, 'Invalid parameter(s): per_page', { params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' } });
    const list = comments.filter((c) => String(c.post) === String(q.post) && c.status === 'approved');
    list.sort((a, b) => (a.date_gmt < b.date_gmt ? -1 : a.date_gmt > b.date_gmt ? 1 : a.id - b.id));
    if ((q.order ?? 'desc') === 'desc') list.reverse();
    const page = Number(q.page ?? 1);
    const pages = Math.ceil(list.length / perPage);
    if (page > 1 && page > pages) return error(ctx, 'rest_post_invalid_page_number', 400, 'The page number requested is larger than the number of pages available.');
    // WordPress: an offset, when given, wins over the page.
    const offset = q.offset === undefined ? (page - 1) * perPage : Number(q.offset);
    return json(ctx, 200, list.slice(offset, offset + perPage).map((c) => view(c, q._fields)), {
      'X-WP-Total': list.length,
      'X-WP-TotalPages': pages,
    });
  }
  if (ctx.method !== 'POST') return error(ctx, 'rest_no_route', 404, 'No route was found matching the URL and request method.');
  const body = ctx.is('json') ? await readJson(ctx) : {};
  sent.set(String(body.post), [...(sent.get(String(body.post)) ?? []), body]);
  if (await misbehave(ctx, inject)) return;
  if (inject === 'rest_invalid_param' || (body.author_email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.author_email)))
    return error(ctx, 'rest_invalid_param', 400, 'Invalid parameter(s): author_email', { params: { author_email: 'Invalid email address.' } });
  const order = ['rest_comment_login_required', 'rest_comment_invalid_post_id', 'rest_comment_draft_post', 'rest_comment_closed'];
  if (order.includes(inject)) return error(ctx, inject, ...ERRORS[inject]);
  if (!String(body.content ?? '').trim() || inject === 'rest_comment_content_invalid') return error(ctx, 'rest_comment_content_invalid', ...ERRORS.rest_comment_content_invalid);
  if (!body.author_name || !body.author_email || inject === 'rest_comment_author_data_required')
    return error(ctx, 'rest_comment_author_data_required', ...ERRORS.rest_comment_author_data_required);
  if (ERRORS[inject]) return error(ctx, inject, ...ERRORS[inject]);
  const c = {
    id: next++,
    post: Number(body.post),
    parent: Number(body.parent) || 0,
    author_name: body.author_name,
    author_url: body.author_url,
    content: body.content,
    date_gmt: now(),
    status: inject === 'approve' ? 'approved' : 'hold',
  };
  comments.push(c);
  json(ctx, 201, view(c));
}

export default async function commentsWp(ctx, next_) {
  if (!ctx.path.startsWith('/test-wpc/')) return next_();
  if (ctx.path === '/test-wpc/_seed') {
    const { post, comments: list } = await readJson(ctx);
    for (const c of list) comments.push({ id: next++, post, status: 'approved', date_gmt: now(), ...c });
    return json(ctx, 200, { ok: true });
  }
  if (ctx.path === '/test-wpc/_approve') {
    const { id } = await readJson(ctx);
    const c = comments.find((x) => x.id === Number(id));
    if (c) c.status = 'approved';
    return json(ctx, c ? 200 : 404, {});
  }
  if (ctx.path === '/test-wpc/_sent') return json(ctx, 200, sent.get(String(ctx.query.post)) ?? []);

  const m = ctx.path.match(/^\/test-wpc\/(link|pretty|plain)\/([\w-]+)(\/.*)?$/);
  if (!m) return next_();
  const [, mode, inject, rest = '/'] = m;
  const site = `/test-wpc/${mode}/${inject}`;
  const route = ctx.query.rest_route ?? (mode !== 'plain' && rest.startsWith('/wp-json/') ? rest.slice(8) : undefined);
  if (route === undefined) {
    if (mode === 'link') ctx.set('Link', `<${ctx.origin}${site}/wp-json/>; rel="https://api.w.org/"`);
    if (rest.startsWith('/wp-json')) return error(ctx, 'not_found', 404, 'Not found');
    ctx.type = 'text/html';
    ctx.body = '<!doctype html><title>A law firm blog</title>';
    return;
  }
  if (route === '/' || route === '') return json(ctx, 200, { name: 'A law firm blog', namespaces: ['wp/v2'] });
  if (route.replace(/\/$/, '') === '/wp/v2/comments') return comment(ctx, inject);
  error(ctx, 'rest_no_route', 404, 'No route was found matching the URL and request method.');
}
