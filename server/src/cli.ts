/**
 * `firm-widgets-server [command] [--config FILE]`:
 *   start (the default)     serve, with the outbox worker; prints the snippet to paste
 *   init [FILE]             write a commented config (firm-widgets-server.jsonc)
 *   held SITE               list the comments awaiting approval
 *   approve SITE ID…        approve held comments (each in the audit log)
 *   messages SITE           list the messages, flagged ones marked
 *   outbox                  list mail that is not sent yet, and failures
 *   import KIND FILE [SITE] wordpress (WXR), disqus or json (an export)
 *   export SITE             the site's comments as JSON on standard output
 *   backup [FILE]           SQLite: an online copy of the database
 *   add-user EMAIL --role owner|moderator [--site ID]…   a desk account; prints its set-password link
 *   retention               run the retention job now (it also runs daily inside start)
 * A config it cannot use stops it with one line naming the key and the reason.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIG_TEMPLATE, ConfigError, loadConfig, type Config } from './config.ts';
import { openStore, type Store } from './db/index.ts';
import { buildApp } from './app.ts';
import { Outbox } from './outbox.ts';
import { held } from './moderation.ts';
import { retentionIfDue, RETENTION_CHECK_MS } from './desk/retention.ts';

const USAGE = `usage: firm-widgets-server [start|init|held|approve|messages|outbox|import|export|backup] [--config FILE]
  start                 serve (default)
  init [FILE]           write a commented config (default firm-widgets-server.jsonc)
  held SITE             comments awaiting approval
  approve SITE ID...    approve held comments
  messages SITE         messages received (flagged ones marked)
  outbox                mail not sent yet, and failures
  import KIND FILE [SITE]  KIND: wordpress (WXR .xml), disqus (.xml) or json (from export)
  export SITE           the site's comments as JSON (standard output)
  backup [FILE]         SQLite: an online copy of the database
  add-user EMAIL --role owner|moderator [--site ID]...
                        a desk account (/admin); prints a one-time link to set its password
  retention             delete what the sites' retention settings say is due (runs daily in start)`;

/** How long a graceful shutdown may take before the process leaves anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: {
        config: { type: 'string', short: 'c' },
        help: { type: 'boolean', short: 'h' },
        role: { type: 'string' },
        site: { type: 'string', multiple: true },
      },
    });
  } catch (e) {
    err.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [command = 'start', ...rest] = parsed.positionals;
  if (parsed.values.help) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  if (command == 'init') return init(rest[0], out, err);

  let config: Config;
  try {
    config = loadConfig(parsed.values.config ?? process.env.FIRM_CONFIG);
  } catch (e) {
    if (e instanceof ConfigError) {
      err.write(`firm-widgets-server: ${e.message}\n`);
      return 2;
    }
    throw e;
  }

  switch (command) {
    case 'start':
      return start(config, out);
    case 'held':
    case 'approve':
    case 'messages':
    case 'outbox':
    case 'export':
    case 'import':
    case 'backup':
      return withStore(config, err, (store) => admin(command, rest, config, store, out, err));
    case 'add-user':
      return withStore(config, err, async (store) => {
        const { addUser, UserError } = await import('./desk/users.ts');
        if (rest.length != 1) {
          err.write(`firm-widgets-server: add-user needs one EMAIL\n${USAGE}\n`);
          return 2;
        }
        try {
          const { link, hours, created } = await addUser(store, config, rest[0], parsed.values.role ?? '', parsed.values.site ?? [], new Date());
          out.write(`${created ? 'Added' : 'Renewed'} ${rest[0]}. Send them this link to set their password (it works once, for ${hours} hours):\n${link}\n`);
          return 0;
        } catch (e) {
          if (e instanceof UserError) {
            err.write(`firm-widgets-server: add-user: ${e.message}\n`);
            return 2;
          }
          throw e;
        }
      });
    case 'retention':
      return withStore(config, err, async (store) => {
        const { runRetention } = await import('./desk/retention.ts');
        const done = await runRetention(store, config, new Date());
        for (const [site, d] of Object.entries(done)) out.write(`${site}\t${d.messages} messages, ${d.spam} spam comments deleted; ${d.addresses} address hashes cleared; ${d.mails} mails, ${d.subscriptions} reply subscriptions deleted\n`);
        return 0;
      });
    default:
      err.write(`unknown command "${command}"\n${USAGE}\n`);
      return 2;
  }
}

function init(file = 'firm-widgets-server.jsonc', out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  const path = resolve(file);
  if (existsSync(path)) {
    err.write(`firm-widgets-server: ${path} exists; not overwritten\n`);
    return 1;
  }
  writeFileSync(path, CONFIG_TEMPLATE, { flag: 'wx' });
  out.write(`Wrote ${path}. Edit its sites, then: firm-widgets-server --config ${file}\n`);
  return 0;
}

async function withStore(config: Config, err: NodeJS.WritableStream, run: (store: Store) => Promise<number>): Promise<number> {
  let store: Store;
  try {
    store = await openStore(config);
  } catch (e) {
    err.write(`firm-widgets-server: cannot open the database (${config.database ? 'database' : 'data'}): ${(e as Error).message}\n`);
    return 1;
  }
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

async function admin(command: string, args: string[], config: Config, store: Store, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const site = args[0];
  const needsSite = ['held', 'approve', 'messages', 'export'].includes(command);
  if (needsSite && !config.sites.some((s) => s.id == site)) {
    err.write(`firm-widgets-server: ${command} needs a site of the config (${config.sites.map((s) => s.id).join(', ')}), not "${site ?? ''}"\n`);
    return 2;
  }
  switch (command) {
    case 'held': {
      for (const c of await held(store, site)) out.write(`${c.id}\t${c.created_at}\t${c.thread}\t${c.author}\t${c.status}${c.flag ? ` (${c.flag})` : ''}\t${c.content.replace(/\s+/g, ' ').slice(0, 80)}\n`);
      return 0;
    }
    case 'approve': {
      const ids = args.slice(1).map(Number);
      if (!ids.length || ids.some((id) => !Number.isInteger(id) || id <= 0)) {
        err.write('firm-widgets-server: approve SITE ID... needs comment ids (see: held SITE)\n');
        return 2;
      }
      // The desk's approval: the same audit row, and reply notifications go out as from the desk.
      const { moderate } = await import('./desk/comments.ts');
      const done = await moderate(store, config, site, ids, 'approve', 'cli', new Date());
      out.write(`approved ${done.length} of ${ids.length}${done.length < ids.length ? ` (not held: ${ids.filter((id) => !done.includes(id)).join(', ')})` : ''}\n`);
      return done.length == ids.length ? 0 : 1;
    }
    case 'messages': {
      const rows = await store.db.selectFrom('messages').selectAll().where('site', '=', site).orderBy('id').execute();
      for (const m of rows) out.write(`${m.id}\t${m.created_at}\t${m.status}${m.flag ? ` (${m.flag})` : ''}\t${m.name} <${m.email}> ${m.phone}\t${m.message.replace(/\s+/g, ' ').slice(0, 80)}\n`);
      return 0;
    }
    case 'outbox': {
      const rows = await store.db.selectFrom('outbox').selectAll().where('state', '!=', 'sent').orderBy('id').execute();
      for (const r of rows) out.write(`${r.id}\t${r.state}\t${r.attempts} tries\tnext ${r.next_at}\t${r.about}\t${r.recipients}${r.last_error ? `\t${r.last_error}` : ''}\n`);
      return 0;
    }
    default: {
      const { transfer } = await import('./transfer.ts');
      return transfer(command, args, config, store, out, err);
    }
  }
}

async function start(config: Config, out: NodeJS.WritableStream): Promise<number> {
  const store = await openStore(config);
  // The app tells the worker when it queued mail; the worker logs through the app's logger.
  const queued = { nudge: () => {} };
  const app = await buildApp({ config, store, outbox: queued });
  // FIRM_OUTBOX_LEASE_MS shortens how long a killed worker's claim holds its mail (the crash test).
  const leaseMs = Number(process.env.FIRM_OUTBOX_LEASE_MS) || undefined;
  const outbox = new Outbox({ db: store.db, config, log: app.log.child({ part: 'outbox' }), leaseMs });
  queued.nudge = () => outbox.nudge();

  // The daily retention job: each process looks hourly; the first to claim the day runs it.
  const retention = () => retentionIfDue(store, config, new Date()).catch((e) => app.log.error({ err: e }, 'retention failed'));
  const retentionTimer = setInterval(retention, RETENTION_CHECK_MS);
  retentionTimer.unref();
  let closing = false;
  let finished: (code: number) => void;
  const done = new Promise<number>((resolve) => (finished = resolve));
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS);
    force.unref();
    // Requests in flight finish first (Fastify stops accepting, then waits), then the mail being sent, then the database.
    clearInterval(retentionTimer);
    await app.close();
    await outbox.stop();
    await store.close();
    app.log.info('stopped');
    finished(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
  outbox.start();
  void retention();
  const address = app.server.address();
  const port = typeof address == 'object' && address ? address.port : config.port;
  const base = config.publicUrl.replace(`:${config.port}`, `:${port}`);
  out.write(snippet(config, base, store.where, outbox.mailDir));
  return done;
}

/** What `start` prints: where it listens and stores, and the markup to paste for each site. */
export function snippet(config: Config, base: string, where: string, mailDir: string): string {
  const lines = [
    `firm-widgets-server listening on ${base}`,
    `  data: ${where}`,
    `  mail: ${config.mail.smtp ? `SMTP ${new URL(config.mail.smtp).host}` : `written as .eml files in ${mailDir}`}`,
    '',
  ];
  for (const site of config.sites) {
    lines.push(
      `Paste on the pages of site "${site.id}" (${site.origins.join(', ') || 'no origins allowed yet: add some to the config'}):`,
      '',
      '  <!-- the kit: dist/firm-widgets.js, served with your pages -->',
      '  <script type="module" src="/firm-widgets.js"></script>',
      "  <!-- in the page's <head>: the comments keep their room from the first paint, so nothing below them jumps -->",
      '  <style>firm-comments:not(:defined) { display: block; min-height: 100vh; }</style>',
      `  <firm-comments source="rest" endpoint="${base}/api/${site.id}/comments"></firm-comments>`,
      `  <firm-contact-form source="rest" endpoint="${base}/api/${site.id}/messages"></firm-contact-form>`,
      '',
    );
  }
  return lines.join('\n') + '\n';
}
