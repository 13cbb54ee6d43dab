// /test-api/contact/<mode>[/…]: a stand-in for the messages API (see README, <firm-contact-form>).
// Every POST is recorded (path, WordPress's `rest_route` if any, content type, raw body); GET /test-api/contact/log hands the
// records over and forgets them. Modes inject each answer the form must handle:
//   ok 201 · invalid 400 firm_invalid with a field error · rate 429 + Retry-After: 120 ·
//   server 503 · refused 403 rest_forbidden · html 502 with a proxy's HTML page ·
//   page 200 with a web page (a wrong endpoint) · list 200 with a JSON array · empty 204 and
//   created 201 with no body (both prove delivery).
// `?delay=ms` holds the answer (for the sending state and the 15 s timeout).
import { engineOf } from './lib/engine.mjs';

// One log per engine: npm test runs Firefox and WebKit at once, and each must read its own posts.
const logs = new Map();

const answers = {
  ok: [201, { id: 17, status: 'received', mailed: true }],
  invalid: [400, { code: 'firm_invalid', message: 'Invalid', data: { status: 400, fields: { email: 'This address cannot receive mail.' } } }],
  rate: [429, { code: 'firm_rate_limited', message: 'Slow down', data: { status: 429, retry_after: 120 } }],
  server: [503, { code: 'internal', message: 'Down', data: { status: 503 } }],
  refused: [403, { code: 'rest_forbidden', message: 'No', data: { status: 403 } }],
};

export default async function contact(ctx, next) {
  const m = ctx.path.match(/^\/test-api\/contact\/(\w+)(\/.*)?$/);
  if (!m) return next();
  const [, mode] = m;
  const engine = engineOf(ctx);
  if (mode === 'log') {
    ctx.body = logs.get(engine) ?? [];
    logs.set(engine, []);
    return;
  }
  if (ctx.method === 'HEAD' || ctx.method === 'GET') {
    ctx.type = 'text/html';
    ctx.body = '<!doctype html><title>site</title>';
    return;
  }
  const chunks = [];
  for await (const c of ctx.req) chunks.push(c);
  if (!logs.has(engine)) logs.set(engine, []);
  logs.get(engine).push({ path: ctx.path, route: ctx.query.rest_route, type: ctx.get('content-type'), body: Buffer.concat(chunks).toString() });
  const delay = Number(ctx.query.delay ?? 0);
  if (delay) await new Promise((r) => {
    const t = setTimeout(r, delay);
    ctx.res.on('close', () => (clearTimeout(t), r()));
  });
  if (mode === 'page') {
    ctx.status = 200;
    ctx.type = 'text/html';
    ctx.body = '<!doctype html><title>Welcome</title><h1>Our firm</h1>';
    return;
  }
  if (mode === 'list') {
    ctx.status = 200;
    ctx.body = [{ id: 1 }];
    return;
  }
  if (mode === 'empty' || mode === 'created') {
    ctx.status = mode === 'empty' ? 204 : 201;
    // koa turns a null body into a 204: an empty string keeps the 201.
    ctx.body = mode === 'empty' ? null : '';
    return;
  }
  if (mode === 'html') {
    ctx.status = 502;
    ctx.type = 'text/html';
    ctx.body = '<h1>Bad gateway</h1>';
    return;
  }
  const [status, body] = answers[mode] ?? [404, { code: 'rest_no_route', message: 'No route', data: { status: 404 } }];
  ctx.status = status;
  if (mode === 'rate') ctx.set('Retry-After', '120');
  ctx.body = body;
}
