// The `rest` comment protocol of <firm-comments> (documented in README.md), for tests.
//
//   GET  /test-api/comments?thread=T&page=1&per_page=20&order=oldest → {total, comments}
//   POST /test-api/comments {thread, parent, name, email, url, content, firm_hp, firm_elapsed}
//        → 201 the comment with its status ("approved", or "hold" with ?hold=1), and "notify":
//          "confirm" when the body asked for mail about replies (as firm-widgets-server answers)
//
// Options in the endpoint's own query: hold=1, fail=<500|200 (a web page)|timeout|drop|duplicate|
// closed|too-fast|not-allowed> for POSTs, listfail=<…> for GETs; empty=1 answers a POST 201 with
// no body (which proves delivery and says nothing more); confirm=1 says "notify": "confirm" even
// when the body did not ask (a server's mistake the form must not repeat).
// Test controls: POST /test-api/comments/_seed {thread, comments}, POST …/_approve {thread, id},
// GET …/_sent?thread=T (every body POSTed to that thread).
import { readJson, json, misbehave } from './lib/http.mjs';

const threads = new Map();
const sent = new Map();
let next = 1;

const thread = (id) => {
  if (!threads.has(id)) threads.set(id, []);
  return threads.get(id);
};
const shown = (c) => {
  const { status, email, ...rest } = c;
  void email;
  return { ...rest, status };
};

const FAILURES = {
  duplicate: [409, { code: 'duplicate', message: 'Duplicate comment.' }],
  closed: [403, { code: 'closed', message: 'Comments are closed.' }],
  'not-allowed': [403, { code: 'forbidden', message: 'Not allowed.' }],
  'too-fast': [429, { code: 'too_fast', message: 'Slow down.' }, { 'Retry-After': 90 }],
};

// A page under the strictest policy a webmaster may set, with the element loaded from src/.
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'";
const PROBE = `window.problems = [];
document.addEventListener('securitypolicyviolation', (e) => problems.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample));
addEventListener('error', (e) => problems.push('error ' + e.message));
addEventListener('unhandledrejection', (e) => problems.push('rejection ' + e.reason));`;

function cspPage(ctx) {
  const { post, thread } = ctx.query;
  ctx.set('Content-Security-Policy', CSP);
  ctx.type = 'text/html';
  ctx.body = `<!doctype html><html lang="en"><head>
<script src="/test-api/comments/_csp-probe.js"></script>
<script type="module" src="/src/elements/comments/comments.ts"></script>
</head><body>
<firm-comments eager source="wordpress" endpoint="/test-wpc/pretty/approve" post-id="${Number(post)}"></firm-comments>
<firm-comments eager post-id="${encodeURIComponent(thread)}"></firm-comments>
</body></html>`;
}

export default async function commentsRest(ctx, next_) {
  if (!ctx.path.startsWith('/test-api/comments')) return next_();
  const q = ctx.query;
  if (ctx.path.endsWith('/_seed')) {
    const { thread: t, comments } = await readJson(ctx);
    thread(t).push(...comments.map((c) => ({ id: String(next++), status: 'approved', date: new Date().toISOString(), ...c })));
    return json(ctx, 200, { ok: true });
  }
  if (ctx.path.endsWith('/_approve')) {
    const { thread: t, id } = await readJson(ctx);
    const c = thread(t).find((x) => x.id === id);
    if (c) c.status = 'approved';
    return json(ctx, c ? 200 : 404, {});
  }
  if (ctx.path.endsWith('/_sent')) return json(ctx, 200, sent.get(q.thread) ?? []);
  if (ctx.path.endsWith('/_csp')) return cspPage(ctx);
  if (ctx.path.endsWith('/_csp-probe.js')) {
    ctx.type = 'text/javascript';
    ctx.body = PROBE;
    return;
  }

  if (ctx.method === 'GET') {
    if (await misbehave(ctx, q.listfail)) return;
    const all = thread(q.thread).filter((c) => c.status === 'approved');
    const sorted = q.order === 'newest' ? [...all].reverse() : all;
    const size = Number(q.per_page) || 20;
    const page = Number(q.page) || 1;
    return json(ctx, 200, { total: all.length, comments: sorted.slice((page - 1) * size, page * size).map(shown) });
  }
  if (ctx.method !== 'POST') return json(ctx, 405, { code: 'method', message: 'GET or POST' });

  const body = await readJson(ctx);
  sent.set(body.thread, [...(sent.get(body.thread) ?? []), body]);
  if (await misbehave(ctx, q.fail)) return;
  if (FAILURES[q.fail]) return json(ctx, ...FAILURES[q.fail]);
  const fields = {};
  if (!String(body.name ?? '').trim()) fields.name = 'required';
  if (!/^[^\s@]+@[^\s@]+$/.test(body.email ?? '')) fields.email = 'invalid';
  if (!String(body.content ?? '').trim()) fields.content = 'required';
  if (q.badfield) fields[q.badfield] = 'refused';
  if (Object.keys(fields).length) return json(ctx, 422, { code: 'invalid', message: 'Invalid fields.', fields });
  const comment = {
    id: String(next++),
    parent: body.parent || null,
    author: body.name,
    email: body.email,
    url: body.url || null,
    avatar: null,
    date: new Date().toISOString(),
    content: body.content,
    status: q.hold ? 'hold' : 'approved',
  };
  thread(body.thread).push(comment);
  if (q.empty) {
    ctx.status = 201;
    ctx.body = '';
    return;
  }
  json(ctx, 201, body.notify === true || q.confirm ? { ...shown(comment), notify: 'confirm' } : shown(comment));
}
