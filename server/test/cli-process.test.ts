import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './process.ts';
import { POSTGRES, dialectName, comment, testEnv } from './helpers.ts';

test(`the command (${dialectName}): starts, prints the snippet, answers /healthz, and a SIGTERM finishes the request in flight`, async () => {
  // The database: its own folder (SQLite) or database (PostgreSQL), made by testEnv and handed over.
  const env = await testEnv();
  await env.store.close();
  const dir = mkdtempSync(join(tmpdir(), 'fws-cmd-'));
  try {
    writeFileSync(join(dir, 'config.jsonc'), JSON.stringify({ port: 0, data: env.dir, log: 'info', sites: [{ id: 'firm', origins: ['https://firm.example'], moderation: 'approve' }] }));
    const server = await startServer(['start', '--config', join(dir, 'config.jsonc')], POSTGRES ? { DATABASE_URL: env.database } : { DATABASE_URL: '' });
    assert.match(server.output(), /<firm-comments source="rest" endpoint="http:\/\/127\.0\.0\.1:\d+\/api\/firm\/comments"><\/firm-comments>/);
    assert.match(server.output(), /<style>firm-comments:not\(:defined\) \{ display: block; min-height: 100vh; \}<\/style>/);
    assert.match(server.output(), /<firm-contact-form source="rest" endpoint="http:\/\/127\.0\.0\.1:\d+\/api\/firm\/messages"><\/firm-contact-form>/);
    const health = await fetch(`${server.base}/healthz`);
    assert.equal(health.status, 200);
    assert.equal((await health.json()).database, dialectName);

    // A comment whose body is half sent when the server is told to stop: it is still answered.
    const body = JSON.stringify(comment());
    const url = new URL(`${server.base}/api/firm/comments`);
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        server.proc.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 200);
    });
    const res = await answered;
    assert.equal(res.status, 201, res.body);
    const { code } = await server.exited;
    assert.equal(code, 0);
    assert.match(server.output(), /"msg":"stopped"/);
    // Logs are JSON lines and never carry the visitor's address.
    assert.doesNotMatch(server.output(), /remoteAddress|127\.0\.0\.1","?remotePort/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await env.close().catch(() => {});
  }
});
