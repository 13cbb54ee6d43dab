// GET /test-api/echo?status=503&retry-after=30&body=... answers with that status, header and body;
// a stand-in for any server failure the core HTTP helper must classify.
export default async function echo(ctx, next) {
  if (!ctx.path.startsWith('/test-api/echo')) return next();
  ctx.status = Number(ctx.query.status ?? 200);
  if (ctx.query['retry-after']) ctx.set('Retry-After', String(ctx.query['retry-after']));
  ctx.type = 'application/json';
  ctx.body = ctx.query.body ?? '{}';
}
