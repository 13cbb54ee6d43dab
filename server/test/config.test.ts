import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { readConfig, loadConfig, ConfigError, allowsOrigin } from '../src/config.ts';
import { main } from '../src/cli.ts';
import { addressKey, countLinks } from '../src/spam.ts';

/** A stream that keeps what is written to it. */
function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += chunk;
      done();
    },
  });
  return { stream, text: () => text };
}

const refused = (raw: unknown, env = {}) => {
  try {
    readConfig(raw, '/tmp', env);
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.message;
  }
  assert.fail('accepted');
};

test('config: no file gives one local site whose mail lands in files', () => {
  const c = readConfig({}, '/srv');
  assert.equal(c.port, 8787);
  assert.equal(c.data, '/srv/firm-data');
  assert.equal(c.database, undefined);
  assert.equal(c.sites.length, 1);
  assert.equal(c.sites[0].moderation, 'hold');
  assert.ok(allowsOrigin(c.sites[0], 'http://localhost:5173'));
  assert.ok(!allowsOrigin(c.sites[0], 'http://localhost.evil.example'));
  assert.ok(!allowsOrigin(c.sites[0], 'http://localhost:5173.evil.example'));
  const env = readConfig({}, '/srv', { PORT: '9000', DATABASE_URL: 'postgres://u@db/firm', FIRM_DATA: '/var/firm' });
  assert.deepEqual([env.port, env.database, env.data], [9000, 'postgres://u@db/firm', '/var/firm']);
});

test('config: a value it cannot use is one line naming the key and the reason', () => {
  assert.equal(refused({ prot: 1 }), 'config prot: unknown key (known: host, port, data, database, publicUrl, trustProxy, log, mail, spam, sites)');
  assert.equal(refused({ port: 'eighty' }), 'config port: must be a whole number from 0 to 65535, not "eighty"');
  assert.equal(refused({ sites: [{ id: 'a', origins: ['https://a.example/'] }] }), 'config sites[0].origins[0]: "https://a.example/" is not an origin: scheme and host only, like https://example.com (no path, no trailing slash)');
  assert.equal(refused({ sites: [{ id: 'a' }, { id: 'a' }] }), 'config sites[1].id: "a" is used by an earlier site');
  assert.equal(refused({ sites: [{ id: 'A B' }] }), 'config sites[0].id: "A B" must be lowercase letters, digits and dashes (up to 63)');
  assert.equal(refused({ sites: [{ id: 'a', moderation: 'trust' }] }), 'config sites[0].moderation: must be "hold" or "approve", not "trust"');
  assert.equal(refused({ sites: [{ id: 'a', notify: ['office'] }] }), 'config sites[0].notify[0]: "office" is not an email address');
  assert.equal(refused({ sites: [] }), 'config sites: must be a list of at least one site');
  assert.equal(refused({ mail: { smtp: 'mail.example.com' } }), 'config mail.smtp: must be an smtp:// or smtps:// URL');
  assert.equal(refused({}, { DATABASE_URL: 'mysql://x' }), 'config DATABASE_URL: must be a postgres:// URL (leave it out for SQLite)');
  assert.equal(refused({ spam: { perAddress: { comments: 0 } } }), 'config spam.perAddress.comments: must be a whole number from 1 to 100000, not 0');
});

test("config: a site's akismet, off unless set, is checked like every key (its key never repeated)", () => {
  const site = (akismet: unknown) => ({ sites: [{ id: 'a', akismet }] });
  assert.equal(readConfig(site(undefined), '/tmp').sites[0].akismet, undefined);
  assert.deepEqual(readConfig(site({ key: 'abc123def456', blog: 'https://a.example' }), '/tmp').sites[0].akismet, {
    key: 'abc123def456',
    blog: 'https://a.example',
    messages: true,
    endpoint: 'https://rest.akismet.com',
    timeoutMs: 3000,
  });
  assert.equal(refused(site({ key: 12345678, blog: 'https://a.example' })), 'config sites[0].akismet.key: must be a string (the API key from akismet.com)');
  assert.equal(refused(site({ key: 'abc 123 "def"', blog: 'https://a.example' })), 'config sites[0].akismet.key: must be the API key from akismet.com (letters and digits only)');
  assert.equal(refused(site({ blog: 'https://a.example' })), 'config sites[0].akismet.key: is required (the API key from akismet.com)');
  assert.equal(refused(site({ key: 'abc123def456' })), "config sites[0].akismet.blog: is required (the site's home page as registered with Akismet)");
  assert.equal(refused(site({ key: 'abc123def456', blog: 'a.example' })), 'config sites[0].akismet.blog: "a.example" is not a web address (like https://example.com)');
  assert.equal(refused(site({ key: 'abc123def456', blog: 'https://a.example', messages: 'no' })), 'config sites[0].akismet.messages: must be true or false, not "no"');
  assert.equal(refused(site({ key: 'abc123def456', blog: 'https://a.example', timeoutMs: 0 })), 'config sites[0].akismet.timeoutMs: must be a whole number from 1 to 30000, not 0');
  assert.equal(refused(site({ key: 'abc123def456', blog: 'https://a.example', apiKey: 'x' })), 'config sites[0].akismet.apiKey: unknown key (known: key, blog, messages, endpoint, timeoutMs)');
  assert.equal(refused(site('abc123def456')), 'config sites[0].akismet: must be an object, not "abc123def456"');
});

test("config: trustProxy is false or the proxies' addresses; true and hop counts are refused", () => {
  assert.equal(readConfig({}, '/tmp').trustProxy, false);
  assert.deepEqual(readConfig({ trustProxy: ['127.0.0.1', '10.0.0.0/8', 'fd00::/8', 'loopback'] }, '/tmp').trustProxy, ['127.0.0.1', '10.0.0.0/8', 'fd00::/8', 'loopback']);
  assert.equal(refused({ trustProxy: true }), 'config trustProxy: true would believe any address a visitor writes in X-Forwarded-For: list the addresses of your proxies instead, like ["127.0.0.1"]');
  assert.equal(refused({ trustProxy: 1 }), 'config trustProxy: a count of proxies (1) cannot tell a proxy from a visitor: list the addresses of your proxies instead, like ["127.0.0.1"]');
  assert.equal(refused({ trustProxy: ['10.0.0.0/33'] }), 'config trustProxy[0]: "10.0.0.0/33" is not an address, a range (like 10.0.0.0/8) or one of loopback, linklocal, uniquelocal');
  assert.equal(refused({ trustProxy: [] }), "config trustProxy: must be false or a list of your proxies' addresses or ranges, not []");
  assert.equal(refused({ trustProxy: '127.0.0.1' }), `config trustProxy: must be false or a list of your proxies' addresses or ranges, not "127.0.0.1"`);
});

test('config: behind a proxy left untrusted, the first request that shows it logs one warning naming trustProxy', async () => {
  const { buildApp } = await import('../src/app.ts');
  const { testEnv, SITES } = await import('./helpers.ts');
  const run = async (raw: Record<string, unknown>, requests: { remoteAddress: string; forwarded?: string }[]) => {
    const env = await testEnv({ sites: SITES, ...raw });
    const logs = sink();
    const app = await buildApp({ config: env.config, store: env.store, logger: { level: 'warn', stream: logs.stream } });
    try {
      for (const { remoteAddress, forwarded } of requests) {
        const r = await app.inject({ url: '/healthz', remoteAddress, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} });
        assert.equal(r.statusCode, 200);
      }
    } finally {
      await app.close();
      await env.close();
    }
    return logs.text().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { level: number; msg: string });
  };
  const proxied = [
    { remoteAddress: '127.0.0.1', forwarded: '203.0.113.8' },
    { remoteAddress: '10.1.2.3', forwarded: '203.0.113.9' },
    { remoteAddress: '::ffff:192.168.0.2', forwarded: '203.0.113.10' },
  ];
  const warned = await run({}, proxied);
  assert.equal(warned.length, 1, JSON.stringify(warned));
  assert.match(warned[0].msg, /X-Forwarded-For while "trustProxy" is false/);
  // Not from a public peer (a visitor may write the header), not without the header, not once the proxies are listed.
  assert.deepEqual(await run({}, [{ remoteAddress: '203.0.113.1', forwarded: '198.51.100.1' }, { remoteAddress: '127.0.0.1' }]), []);
  assert.deepEqual(await run({ trustProxy: ['127.0.0.1', '10.0.0.0/8', '192.168.0.0/16'] }, proxied), []);
});

test('cli: init writes a commented config that loads; a broken one stops start with one line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fws-cli-'));
  const cwd = process.cwd();
  try {
    process.chdir(dir);
    const out = sink();
    assert.equal(await main(['init', 'site.jsonc'], out.stream, sink().stream), 0);
    const text = readFileSync(join(dir, 'site.jsonc'), 'utf8');
    assert.match(text, /^\/\/ firm-widgets-server configuration/);
    const config = loadConfig('site.jsonc', {});
    assert.equal(config.sites[0].id, 'example');
    assert.equal(config.data, join(dir, 'firm-data'));
    // init never overwrites.
    assert.equal(await main(['init', 'site.jsonc'], sink().stream, sink().stream), 1);

    writeFileSync(join(dir, 'bad.jsonc'), text.replace('"moderation": "hold"', '"moderation": "sometimes"'));
    const err = sink();
    assert.equal(await main(['start', '--config', 'bad.jsonc'], sink().stream, err.stream), 2);
    assert.equal(err.text(), 'firm-widgets-server: config sites[0].moderation: must be "hold" or "approve", not "sometimes"\n');

    writeFileSync(join(dir, 'syntax.jsonc'), '{\n  "port": 1,\n  "host" "x"\n}');
    const err2 = sink();
    assert.equal(await main(['--config', 'syntax.jsonc'], sink().stream, err2.stream), 2);
    assert.match(err2.text(), /^firm-widgets-server: config \(file\): .*syntax\.jsonc line 3: ColonExpected\n$/);
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('spam: addresses reduce to what a limit counts; links are counted', () => {
  assert.equal(addressKey('203.0.113.9'), '203.0.113.9');
  assert.equal(addressKey('::ffff:203.0.113.9'), '203.0.113.9');
  assert.equal(addressKey('2001:db8:a:b:1:2:3:4'), '2001:db8:a:b::/64');
  assert.equal(addressKey('2001:0db8:000a:000b::9'), '2001:db8:a:b::/64');
  assert.equal(countLinks('see https://a.example, http://b.example and www.c.example; not e.g.www'), 3);
});
