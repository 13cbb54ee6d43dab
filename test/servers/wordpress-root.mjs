// Three fake sites for REST root discovery: one announcing its root in a Link header, one with
// pretty permalinks (/wp-json/ answers), one with plain permalinks (only ?rest_route= works).
export default async function wordpressRoot(ctx, next) {
  const m = ctx.path.match(/^\/test-wp\/(link|pretty|plain)(\/.*)?$/);
  if (!m) return next();
  const [, kind, rest = '/'] = m;
  if (kind === 'link' && rest === '/') ctx.set('Link', '<http://api.example.test/custom-root/>; rel="https://api.w.org/"');
  if (rest === '/wp-json/' && kind !== 'pretty') {
    ctx.status = 404;
    ctx.body = 'Not found';
    return;
  }
  ctx.type = 'text/html';
  ctx.body = '<!doctype html><title>site</title>';
}
