// Helpers shared by the test-only servers (this folder is not loaded as middleware itself).

export async function readJson(ctx) {
  let text = '';
  for await (const chunk of ctx.req) text += chunk;
  try {
    return JSON.parse(text || '{}');
  } catch {
    return {};
  }
}

export function json(ctx, status, body, headers = {}) {
  ctx.status = status;
  ctx.type = 'application/json';
  for (const [k, v] of Object.entries(headers)) ctx.set(k, String(v));
  ctx.body = JSON.stringify(body);
}

/**
 * Network failures every test server can act out: `timeout` holds the request until the client
 * gives up (or 20 s), `drop` cuts the connection, a number answers with that status. Returns true
 * when it handled the request. `slow` is no failure: the answer comes as usual, 400 ms late, as
 * from a real site (false: the caller answers).
 */
export async function misbehave(ctx, how) {
  if (how === 'slow') {
    await new Promise((resolve) => setTimeout(resolve, 400));
    return false;
  }
  if (how === 'timeout') {
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 20000);
      ctx.req.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    ctx.status = 204;
    ctx.respond = false;
    ctx.res.destroy();
    return true;
  }
  if (how === 'drop') {
    // A status other than koa's default 404, so the dev server does not report a missing file.
    ctx.status = 204;
    ctx.respond = false;
    ctx.req.socket.destroy();
    return true;
  }
  if (/^\d{3}$/.test(how ?? '')) {
    ctx.status = Number(how);
    ctx.type = 'text/html';
    ctx.body = `<h1>${how}</h1>`;
    return true;
  }
  return false;
}
