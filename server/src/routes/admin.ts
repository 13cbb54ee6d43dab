/**
 * The firm's desk: `/admin` (the lit app, built by `npm run build:admin` into server/admin-dist),
 * its JSON API under `/admin/api`, and `/link/<token>`, the pages that mail links open.
 *
 * Every API request but sign-in needs a live session (cookie `firm_desk`: HttpOnly,
 * SameSite=Strict, Secure behind https, Path=/admin); every state change also needs the
 * session's CSRF token in `X-CSRF-Token`, and a browser's `Origin`, when sent, must be this
 * server's. A person works only on their sites; the audit log is for owners.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppOptions } from '../app.ts';
import { Refusal } from '../refusal.ts';
import { ABSOLUTE_MS, BusyError, clearSignInFailures, sitesOf as userSites, createSession, sessionId, csrfMatches, endSession, hashPassword, mayUse, MAX_PASSWORD, MIN_PASSWORD, readSession, signIn, type Session } from '../auth.ts';
import { audit, editComment, moderate, replyAsFirm, type CommentAction } from '../desk/comments.ts';
import { readLink, spendLink } from '../desk/links.ts';
import { erasePerson, findPerson } from '../desk/people.ts';
import { checkSettings, deskSite, forgetSettings, readSettings, recipientsFor, SettingsError, writeSettings } from '../desk/settings.ts';
import { retentionPreview } from '../desk/retention.ts';
import { messageMail } from './messages.ts';
import { queueMail } from '../outbox.ts';
import { linkPage, type PageTexts, pageTexts } from '../desk/pages.ts';
import { MAX_COMMENT } from './comments.ts';
import { addressKey } from '../spam.ts';

export const COOKIE = 'firm_desk';
/** Where `npm run build:admin` writes the app. */
export const ADMIN_DIST = fileURLToPath(new URL('../../admin-dist/', import.meta.url));
const PAGE_SIZE = 50;
const MAX_IDS = 200;
const MAX_EMAIL = 254;
const AUDIT_PAGE = 200;
/** How long a sign-in refused for a flood of others should wait. */
const BUSY_RETRY_S = 5;

/**
 * The desk's pages run only their own script and styles: no inline script, no eval, no other
 * origin; Trusted Types required (lit's templates comply). Frames only from this origin.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
].join('; ');

declare module 'fastify' {
  interface FastifyRequest {
    session?: Session;
  }
}

/**
 * Reads the one cookie the desk sets. Hand-written because it is one name with a base64url
 * value (no quoting, no escapes), which a cookie library would add a dependency for.
 */
function cookieOf(req: FastifyRequest): string | undefined {
  const found: string[] = [];
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name == COOKIE) found.push(value.join('='));
  }
  // Two cookies of this name mean one was planted (by a sibling subdomain, on a longer path, to
  // be sent first): rather than act in a session someone else chose, the request is signed out.
  return found.length == 1 ? found[0] : undefined;
}

const secure = (req: FastifyRequest, publicUrl: string) => req.protocol == 'https' || publicUrl.startsWith('https:');

function setCookie(reply: FastifyReply, req: FastifyRequest, publicUrl: string, token: string, maxAgeS: number): void {
  const parts = [`${COOKIE}=${token}`, 'Path=/admin', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeS}`];
  if (secure(req, publicUrl)) parts.push('Secure');
  reply.header('Set-Cookie', parts.join('; '));
}

/**
 * A browser's Origin, when it sends one, must be the server's own (a second guard beside the
 * CSRF token and SameSite): the address it was asked at, or `publicUrl`'s (behind a proxy that
 * rewrites Host).
 */
function sameOrigin(req: FastifyRequest, publicUrl: string): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin == `${req.protocol}://${req.headers.host}` || origin == new URL(publicUrl).origin;
}

const securityHeaders = (reply: FastifyReply) =>
  reply
    .header('Content-Security-Policy', CSP)
    .header('X-Content-Type-Options', 'nosniff')
    // Not no-referrer: with it, browsers send `Origin: null` on the page's own POSTs, and the origin check could not tell them from a forgery.
    // same-origin still keeps a link's token out of any other site's logs.
    .header('Referrer-Policy', 'same-origin')
    .header('X-Frame-Options', 'SAMEORIGIN')
    .header('Cache-Control', 'no-store');

/** The audit rows' sites for something about an account: each of its sites, or `*` for an all-sites account. */
export const auditSites = (sites: string[] | '*') => (sites == '*' ? ['*'] : sites);

const sitesOf = (session: Session, all: string[]) => (session.user.sites == '*' ? all : all.filter((s) => mayUse(session.user, s)));

const ids = { type: 'array', minItems: 1, maxItems: MAX_IDS, items: { type: 'integer', minimum: 1 } } as const;
const siteId = { type: 'string', minLength: 1, maxLength: 63 } as const;
const email = { type: 'string', minLength: 3, maxLength: MAX_EMAIL } as const;

export async function adminRoutes(app: FastifyInstance, options: AppOptions): Promise<void> {
  const { store, config } = options;
  const { db } = store;
  const now = options.now ?? (() => new Date());
  const allSites = config.sites.map((s) => s.id);
  const siteById = new Map(config.sites.map((s) => [s.id, s]));

  app.decorateRequest('session', undefined);
  // RFC 8058 lets a mail program send its one-click POST as multipart/form-data: its body says
  // nothing the link does not, so it is read and dropped (in this plugin's routes only).
  app.addContentTypeParser('multipart/form-data', (_req, payload, done) => {
    payload.resume();
    payload.on('end', () => done(null, {}));
    payload.on('error', (err) => done(err));
  });

  /** The site a request names, refused unless the person may work on it. */
  const siteFor = (req: FastifyRequest, id: string) => {
    const site = siteById.get(id);
    if (!site) throw new Refusal(404, 'unknown_site', 'No such site on this server.');
    if (!mayUse(req.session!.user, id)) throw new Refusal(403, 'forbidden_site', 'You do not work on this site.');
    return site;
  };
  const ownerOnly = (req: FastifyRequest) => {
    if (req.session!.user.role != 'owner') throw new Refusal(403, 'owners_only', 'Only owners may do this.');
  };
  const actor = (req: FastifyRequest) => req.session!.user.email;

  // ---- the app's files ----
  const shell = (lang: string) => `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${lang == 'es' ? 'Escritorio' : 'Desk'} · firm-widgets-server</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/admin/page.css">
<script type="module" src="/admin/assets/desk.js"></script>
</head>
<body>
<firm-desk></firm-desk>
<noscript>${lang == 'es' ? 'El escritorio necesita JavaScript.' : 'The desk needs JavaScript.'}</noscript>
</body>
</html>
`;
  const adminPage = async (req: FastifyRequest, reply: FastifyReply) => {
    const lang = pageTexts(req.headers['accept-language']).lang;
    return securityHeaders(reply).type('text/html; charset=utf-8').send(shell(lang));
  };
  app.get('/admin', async (_req, reply) => reply.redirect('/admin/', 301));
  app.get('/admin/', adminPage);

  app.get('/admin/page.css', async (_req, reply) => reply.header('Cache-Control', 'no-cache').type('text/css; charset=utf-8').send(PAGE_CSS));

  app.get<{ Params: { file: string } }>('/admin/assets/:file', async (req, reply) => {
    const { file } = req.params;
    // A plain file name of the build, nothing else (no folders, no dots before the extension's).
    if (!/^[\w-]+(\.[\w-]+)?\.(js|css|map)$/.test(file)) throw new Refusal(404, 'not_found', req.texts.notFound);
    const path = join(ADMIN_DIST, file);
    if (!existsSync(path)) {
      if (file == 'desk.js') throw new Refusal(503, 'not_built', 'The desk is not built: run npm run build:admin in server/.');
      throw new Refusal(404, 'not_found', req.texts.notFound);
    }
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'application/json';
    return reply.header('Cache-Control', 'no-cache').header('X-Content-Type-Options', 'nosniff').type(`${type}; charset=utf-8`).send(readFileSync(path));
  });

  // ---- the API ----
  await app.register(
    async (api) => {
      api.addHook('onRequest', async (req, reply) => {
        reply.header('Cache-Control', 'no-store');
        // Signing in needs no session; asking whether one is open is answered either way.
        const open = req.routeOptions.url == '/admin/api/session';
        if (req.method != 'GET' && !sameOrigin(req, config.publicUrl)) throw new Refusal(403, 'origin', 'This page may not use the desk.');
        if (open && req.method == 'POST') return;
        const session = await readSession(store, cookieOf(req), now());
        if (!session && !open) throw new Refusal(401, 'signed_out', 'Please sign in.');
        req.session = session;
      });
      // After the body is read (the token may be checked before, but a refusal should not leave a body unread).
      api.addHook('preHandler', async (req) => {
        if (req.method == 'GET' || !req.session) return;
        if (!csrfMatches(req.session, req.headers['x-csrf-token'])) throw new Refusal(403, 'csrf', 'The form is out of date: reload the page.');
      });

      api.post<{ Body: { email: string; password: string } }>(
        '/session',
        {
          schema: {
            body: {
              type: 'object',
              required: ['email', 'password'],
              properties: { email, password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD } },
              additionalProperties: false,
            },
          },
        },
        async (req, reply) => {
          const at = now();
          let result;
          try {
            result = await signIn(store, req.body.email, req.body.password, addressKey(req.ip), at);
          } catch (e) {
            if (e instanceof BusyError) throw new Refusal(503, 'busy', 'Too many sign-ins at once: please try again in a moment.', undefined, BUSY_RETRY_S);
            throw e;
          }
          if (!result.ok) {
            if (result.reason == 'wait') {
              throw new Refusal(429, result.locked ? 'locked' : 'wait', result.locked ? 'Too many wrong passwords: the account is locked for a while.' : 'Please wait before trying again.', undefined, result.seconds);
            }
            throw new Refusal(401, 'wrong_password', 'Wrong email or password.');
          }
          // A new session every time (never one the request brought: no fixation), and the one
          // the browser held before, if any, ends: it cannot linger signed in beside the new one.
          const previous = cookieOf(req);
          if (previous) await endSession(store, sessionId(previous));
          const { token, csrf } = await createSession(store, result.user, at);
          setCookie(reply, req, config.publicUrl, token, ABSOLUTE_MS / 1000);
          // One row per site the person works on, so each site's owners see who signed in to it.
          for (const site of auditSites(result.user.sites)) await audit(db, { actor: result.user.email, action: 'sign-in', site, target: `user:${result.user.id}` }, at);
          return { email: result.user.email, role: result.user.role, csrf };
        },
      );

      api.post('/signout', async (req, reply) => {
        await endSession(store, req.session!.id);
        setCookie(reply, req, config.publicUrl, '', 0);
        return { ok: true };
      });

      /** Who is signed in, their sites and what waits on each. */
      const me = async (s: Session) => {
        const sites = sitesOf(s, allSites);
        const counts: Record<string, { held: number; spam: number; inbox: number; flagged: number }> = {};
        for (const id of sites) {
          const c = await db.selectFrom('comments').select(['status', (eb) => eb.fn.countAll<number | string>().as('n')]).where('site', '=', id).where('status', 'in', ['hold', 'spam']).groupBy('status').execute();
          const m = await db
            .selectFrom('messages')
            .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
            .where('site', '=', id)
            .where('handled_at', 'is', null)
            .groupBy('status')
            .execute();
          counts[id] = {
            held: Number(c.find((r) => r.status == 'hold')?.n ?? 0),
            spam: Number(c.find((r) => r.status == 'spam')?.n ?? 0),
            inbox: Number(m.find((r) => r.status == 'received')?.n ?? 0),
            flagged: Number(m.find((r) => r.status == 'flagged')?.n ?? 0),
          };
        }
        return { email: s.user.email, role: s.user.role, csrf: s.csrf, sites: sites.map((id) => ({ id, name: siteById.get(id)!.name })), counts };
      };
      api.get('/me', async (req) => me(req.session!));
      // The desk's first question: 200 either way, so a signed-out page logs no failed request.
      api.get('/session', async (req) => (req.session ? { signedIn: true, ...(await me(req.session)) } : { signedIn: false }));

      api.get<{ Querystring: { site: string; status?: 'hold' | 'spam' | 'approved'; thread?: string; page?: string } }>(
        '/comments',
        {
          schema: {
            querystring: {
              type: 'object',
              required: ['site'],
              properties: { site: siteId, status: { type: 'string', enum: ['hold', 'spam', 'approved'] }, thread: { type: 'string', maxLength: 512 }, page: { type: 'string', pattern: '^[0-9]{1,5}$' } },
            },
          },
        },
        async (req) => {
          const site = siteFor(req, req.query.site);
          const page = Math.max(1, Number(req.query.page ?? 1));
          let q = db.selectFrom('comments').where('site', '=', site.id).where('status', '=', req.query.status ?? 'hold');
          if (req.query.thread) q = q.where('thread', '=', req.query.thread);
          const [total, rows, threads] = await Promise.all([
            q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
            q
              .select(['id', 'thread', 'parent', 'author', 'url', 'content', 'status', 'flag', 'created_at', 'staff'])
              .orderBy('created_at', req.query.status == 'approved' ? 'desc' : 'asc')
              .orderBy('id')
              .limit(PAGE_SIZE)
              .offset((page - 1) * PAGE_SIZE)
              .execute(),
            db.selectFrom('comments').select('thread').distinct().where('site', '=', site.id).orderBy('thread').limit(500).execute(),
          ]);
          return { total: Number(total.n), page, pageSize: PAGE_SIZE, comments: rows.map((r) => ({ ...r, staff: r.staff == 1 })), threads: threads.map((t) => t.thread) };
        },
      );

      api.post<{ Body: { site: string; ids: number[]; action: CommentAction } }>(
        '/comments',
        {
          schema: {
            body: {
              type: 'object',
              required: ['site', 'ids', 'action'],
              properties: { site: siteId, ids, action: { type: 'string', enum: ['approve', 'spam', 'delete'] } },
              additionalProperties: false,
            },
          },
        },
        async (req) => {
          const site = siteFor(req, req.body.site);
          const done = await moderate(store, config, site.id, req.body.ids, req.body.action, actor(req), now());
          options.outbox?.nudge();
          return { done };
        },
      );

      const textBody = {
        type: 'object',
        required: ['site', 'content'],
        properties: { site: siteId, content: { type: 'string', minLength: 1, maxLength: MAX_COMMENT } },
        additionalProperties: false,
      } as const;
      const idParam = { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9]{1,15}$' } } } as const;

      api.post<{ Params: { id: string }; Body: { site: string; content: string } }>('/comments/:id/edit', { schema: { params: idParam, body: textBody } }, async (req) => {
        const site = siteFor(req, req.body.site);
        const content = req.body.content.replace(/\r\n?/g, '\n').trim();
        if (!content) throw new Refusal(422, 'invalid', 'Please write a comment.', { content: 'Please write a comment.' });
        if (!(await editComment(store, site.id, Number(req.params.id), content, actor(req), now()))) throw new Refusal(404, 'not_found', 'No such comment.');
        return { ok: true };
      });

      api.post<{ Params: { id: string }; Body: { site: string; content: string } }>('/comments/:id/reply', { schema: { params: idParam, body: textBody } }, async (req, reply) => {
        const site = await deskSite(store, siteFor(req, req.body.site));
        const content = req.body.content.replace(/\r\n?/g, '\n').trim();
        if (!content) throw new Refusal(422, 'invalid', 'Please write a reply.', { content: 'Please write a reply.' });
        const id = await replyAsFirm(store, config, site, Number(req.params.id), content, actor(req), now());
        if (id === undefined) throw new Refusal(409, 'not_approved', 'Approve the comment before replying to it.');
        options.outbox?.nudge();
        return reply.code(201).send({ id });
      });

      api.get<{ Querystring: { site: string; box?: 'inbox' | 'handled' | 'spam'; topic?: string } }>(
        '/messages',
        {
          schema: {
            querystring: {
              type: 'object',
              required: ['site'],
              properties: { site: siteId, box: { type: 'string', enum: ['inbox', 'handled', 'spam'] }, topic: { type: 'string', maxLength: 200 } },
            },
          },
        },
        async (req) => {
          const site = siteFor(req, req.query.site);
          const box = req.query.box ?? 'inbox';
          let q = db
            .selectFrom('messages')
            .select(['id', 'name', 'email', 'phone', 'language', 'topic', 'message', 'page', 'status', 'flag', 'created_at', 'handled_at', 'handled_by'])
            .where('site', '=', site.id);
          if (box == 'spam') q = q.where('status', '=', 'flagged');
          else q = q.where('status', '=', 'received').where('handled_at', box == 'handled' ? 'is not' : 'is', null);
          if (req.query.topic) q = q.where('topic', '=', req.query.topic);
          const rows = await q.orderBy('created_at', 'desc').limit(PAGE_SIZE).execute();
          const mail = rows.length
            ? await db
                .selectFrom('outbox')
                .select(['about', 'state', 'attempts', 'last_error', 'sent_at', 'recipients', 'next_at'])
                .where(
                  'about',
                  'in',
                  rows.map((r) => `message:${r.id}`),
                )
                .orderBy('id')
                .execute()
            : [];
          const topics = await db.selectFrom('messages').select('topic').distinct().where('site', '=', site.id).where('topic', '!=', '').orderBy('topic').limit(200).execute();
          // Reading messages is in the audit log: who saw whose words.
          if (rows.length) await audit(db, { actor: actor(req), action: 'view', site: site.id, target: `messages:${box}`, detail: rows.map((r) => r.id).join(',') }, now());
          return {
            messages: rows.map((r) => ({ ...r, mail: mail.filter((o) => o.about == `message:${r.id}`).at(-1) ?? null })),
            topics: topics.map((t) => t.topic),
          };
        },
      );

      api.post<{ Body: { site: string; ids: number[]; action: 'handled' | 'unhandled' | 'resend' | 'release' } }>(
        '/messages',
        {
          schema: {
            body: {
              type: 'object',
              required: ['site', 'ids', 'action'],
              properties: { site: siteId, ids, action: { type: 'string', enum: ['handled', 'unhandled', 'resend', 'release'] } },
              additionalProperties: false,
            },
          },
        },
        async (req) => {
          const site = await deskSite(store, siteFor(req, req.body.site));
          const at = now();
          const { action } = req.body;
          const done = await db.transaction().execute(async (trx) => {
            const changed: number[] = [];
            for (const id of req.body.ids) {
              const m = await trx.selectFrom('messages').selectAll().where('id', '=', id).where('site', '=', site.id).executeTakeFirst();
              if (!m) continue;
              if (action == 'handled' || action == 'unhandled') {
                await trx
                  .updateTable('messages')
                  .set(action == 'handled' ? { handled_at: at.toISOString(), handled_by: actor(req) } : { handled_at: null, handled_by: null })
                  .where('id', '=', id)
                  .execute();
              } else {
                if (action == 'release') {
                  if (m.status != 'flagged') continue;
                  await trx.updateTable('messages').set({ status: 'received' }).where('id', '=', id).execute();
                }
                // A resend is a new outbox row: the first keeps its state and error as they were.
                const to = recipientsFor(site, m.topic);
                if (to.length) await queueMail(trx, config, messageMail(site.name, site.id, m.id, m, to, at));
              }
              await audit(trx, { actor: actor(req), action: `message-${action}`, site: site.id, target: `message:${id}` }, at);
              changed.push(id);
            }
            return changed;
          });
          options.outbox?.nudge();
          return { done };
        },
      );

      api.get<{ Querystring: { email: string } }>(
        '/people',
        { schema: { querystring: { type: 'object', required: ['email'], properties: { email } } } },
        async (req) => {
          const sites = sitesOf(req.session!, allSites);
          const person = await findPerson(store, sites, req.query.email);
          for (const site of sites) await audit(db, { actor: actor(req), action: 'search', site, target: 'person', detail: `${person.comments.length} comments, ${person.messages.length} messages` }, now());
          return person;
        },
      );

      api.post<{ Body: { email: string } }>(
        '/people/export',
        { schema: { body: { type: 'object', required: ['email'], properties: { email }, additionalProperties: false } } },
        async (req, reply) => {
          const sites = sitesOf(req.session!, allSites);
          const at = now();
          const person = await findPerson(store, sites, req.body.email);
          for (const site of sites) await audit(db, { actor: actor(req), action: 'export', site, target: 'person', detail: `${person.comments.length} comments, ${person.messages.length} messages` }, at);
          return reply.header('Content-Disposition', 'attachment; filename="person.json"').send({ exported_at: at.toISOString(), server: config.publicUrl, ...person });
        },
      );

      api.post<{ Body: { email: string; confirm: string } }>(
        '/people/erase',
        { schema: { body: { type: 'object', required: ['email', 'confirm'], properties: { email, confirm: email }, additionalProperties: false } } },
        async (req) => {
          // The confirmation is the address typed a second time.
          if (req.body.confirm.trim().toLowerCase() != req.body.email.trim().toLowerCase()) throw new Refusal(422, 'confirm', 'Type the address again to confirm.', { confirm: 'Type the address again to confirm.' });
          const sites = sitesOf(req.session!, allSites);
          return erasePerson(store, config, sites, req.body.email, actor(req), now());
        },
      );

      api.get<{ Querystring: { site?: string; before?: string } }>(
        '/audit',
        { schema: { querystring: { type: 'object', properties: { site: siteId, before: { type: 'string', pattern: '^[0-9]{1,15}$' } } } } },
        async (req) => {
          ownerOnly(req);
          const { user } = req.session!;
          if (req.query.site) siteFor(req, req.query.site);
          let q = db.selectFrom('audit').selectAll();
          if (req.query.site) q = q.where('site', '=', req.query.site);
          // An owner of some sites sees their rows, and of the rows that belong to no one site
          // (`*`: an all-sites account's sign-in, a look at the whole log) only their own: the
          // rest says who works on the other sites and when. An owner of every site sees all.
          else if (user.sites != '*') {
            const mine = user.sites;
            q = q.where((eb) => eb.or([eb('site', 'in', mine), eb.and([eb('site', '=', '*'), eb('actor', '=', user.email)])]));
          }
          if (req.query.before) q = q.where('id', '<', Number(req.query.before));
          const entries = await q.orderBy('id', 'desc').limit(AUDIT_PAGE).execute();
          await audit(db, { actor: actor(req), action: 'view', site: req.query.site ?? '*', target: 'audit' }, now());
          return { entries };
        },
      );

      api.get<{ Querystring: { site: string } }>('/settings', { schema: { querystring: { type: 'object', required: ['site'], properties: { site: siteId } } } }, async (req) => {
        const base = siteFor(req, req.query.site);
        const site = await deskSite(store, base);
        return {
          site: site.id,
          settings: await readSettings(store, site.id),
          effective: { moderation: site.moderation, notify: site.notify, moderators: site.moderators, routes: site.routes, retentionDays: site.retentionDays, trustedAfter: site.trustedAfter },
          retention: await retentionPreview(store, site, now()),
          mayChange: req.session!.user.role == 'owner',
        };
      });

      api.post<{ Body: { site: string; settings: unknown } }>(
        '/settings',
        { schema: { body: { type: 'object', required: ['site', 'settings'], properties: { site: siteId, settings: { type: 'object' } }, additionalProperties: false } } },
        async (req) => {
          ownerOnly(req);
          const site = siteFor(req, req.body.site);
          let settings;
          try {
            settings = checkSettings(req.body.settings);
          } catch (e) {
            if (e instanceof SettingsError) throw new Refusal(422, 'invalid', `${e.field}: ${e.message}`, { [e.field]: e.message });
            throw e;
          }
          const at = now();
          await db.transaction().execute(async (trx) => {
            await writeSettings({ ...store, db: trx } as typeof store, site.id, settings, at);
            await audit(trx, { actor: actor(req), action: 'settings', site: site.id, target: 'settings', detail: JSON.stringify(settings) }, at);
          });
          // A request answered before the commit may have kept the old settings for SETTINGS_TTL_MS.
          forgetSettings(store, site.id);
          return { ok: true, settings };
        },
      );
    },
    { prefix: '/admin/api' },
  );

  // ---- the pages that mail links open ----
  const linkPageReply = (reply: FastifyReply, status: number, html: string) => securityHeaders(reply).code(status).type('text/html; charset=utf-8').send(html);

  const describe = async (t: PageTexts, kind: string, target: string, site: string) => {
    if (target.startsWith('comment:')) {
      const c = await db.selectFrom('comments').select(['author', 'content', 'thread', 'status']).where('id', '=', Number(target.slice(8))).where('site', '=', site).executeTakeFirst();
      return c ? { author: c.author, content: c.content, thread: c.thread, status: c.status } : undefined;
    }
    return { author: '', content: '', thread: '', status: kind };
  };

  const moderation = (kind: string) => kind == 'approve' || kind == 'spam' || kind == 'delete';
  /**
   * A moderation link acts only while the address it was mailed to still moderates the link's
   * site: still among the site's moderators now (the settings may have removed it since the
   * mail), and, when that address is a desk account, the account still works on the site (it
   * may have been moved to another). Checked when the page opens (a removed moderator no longer
   * sees the held comment) and again when its button is pressed.
   */
  const stillModerates = async (link: { site: string; actor: string }): Promise<boolean> => {
    const base = siteById.get(link.site);
    if (!base || !link.actor.startsWith('mail:')) return false;
    const address = link.actor.slice('mail:'.length).toLowerCase();
    const site = await deskSite(store, base);
    if (!site.moderators.some((m) => m.trim().toLowerCase() == address)) return false;
    const account = await db.selectFrom('users').select(['id', 'email', 'role', 'sites']).where('email', '=', address).executeTakeFirst();
    return !account || mayUse({ ...account, sites: userSites(account.sites) }, link.site);
  };

  app.get<{ Params: { token: string } }>('/link/:token', async (req, reply) => {
    const t = pageTexts(req.headers['accept-language']);
    const state = await readLink(store, req.params.token, now());
    if (!state.ok) return linkPageReply(reply, state.why == 'invalid' ? 404 : 410, linkPage(t, { kind: 'gone', why: state.why }));
    const { link } = state;
    if (moderation(link.kind) && !(await stillModerates(link))) return linkPageReply(reply, 403, linkPage(t, { kind: 'gone', why: 'revoked' }));
    const about = await describe(t, link.kind, link.target, link.site);
    if (!about) return linkPageReply(reply, 410, linkPage(t, { kind: 'gone', why: 'used' }));
    return linkPageReply(reply, 200, linkPage(t, { kind: 'confirm', action: link.kind, about, site: siteById.get(link.site)?.name ?? link.site }));
  });

  app.post<{ Params: { token: string }; Body: Record<string, string> | undefined }>('/link/:token', async (req, reply) => {
    const t = pageTexts(req.headers['accept-language']);
    const at = now();
    if (!sameOrigin(req, config.publicUrl)) throw new Refusal(403, 'origin', 'This page may not use the desk.');
    const state = await readLink(store, req.params.token, at);
    if (!state.ok) return linkPageReply(reply, state.why == 'invalid' ? 404 : 410, linkPage(t, { kind: 'gone', why: state.why }));
    const { link } = state;
    const number = Number(link.target.split(':')[1]);
    if (link.kind == 'password') {
      const password = String(req.body?.password ?? '');
      if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD || password != String(req.body?.again ?? '')) {
        return linkPageReply(reply, 422, linkPage(t, { kind: 'confirm', action: 'password', about: { author: '', content: '', thread: '', status: '' }, site: '', error: t.passwordRule }));
      }
      const hash = await hashPassword(password);
      const ok = await db.transaction().execute(async (trx) => {
        if (!(await spendLink(trx, link.id, at))) return false;
        const user = await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', number).returning(['email', 'sites']).executeTakeFirst();
        // The person proved they read the account's mail: its failures and locks, from any address, end.
        if (user) await clearSignInFailures(trx, store, user.email);
        // A new password ends every session of the account.
        await trx.deleteFrom('sessions').where('user_id', '=', number).execute();
        for (const site of auditSites(userSites(user?.sites ?? '*'))) await audit(trx, { actor: link.actor, action: 'set-password', site, target: link.target }, at);
        return true;
      });
      return linkPageReply(reply, ok ? 200 : 410, linkPage(t, ok ? { kind: 'done', action: 'password' } : { kind: 'gone', why: 'used' }));
    }
    if (link.kind == 'approve' || link.kind == 'spam' || link.kind == 'delete') {
      if (!(await stillModerates(link))) return linkPageReply(reply, 403, linkPage(t, { kind: 'gone', why: 'revoked' }));
      // Spent first: two presses (or two processes) act once.
      if (!(await spendLink(db, link.id, at))) return linkPageReply(reply, 410, linkPage(t, { kind: 'gone', why: 'used' }));
      const done = await moderate(store, config, link.site, [number], link.kind, link.actor, at);
      options.outbox?.nudge();
      return linkPageReply(reply, 200, linkPage(t, { kind: 'done', action: link.kind, already: done.length == 0 }));
    }
    if (link.kind == 'subscribe' || link.kind == 'unsubscribe') {
      const ok = await db.transaction().execute(async (trx) => {
        const sub = await trx.selectFrom('subscriptions').selectAll().where('id', '=', number).executeTakeFirst();
        if (!sub) return false;
        if (link.kind == 'subscribe') {
          if (!(await spendLink(trx, link.id, at))) return false;
          await trx.updateTable('subscriptions').set({ state: 'active' }).where('id', '=', number).execute();
          // Following a link sent to the address proves it: the commenter is verified on the site.
          await trx
            .insertInto('verified')
            .values({ site: sub.site, email_hash: sub.email_hash, verified_at: at.toISOString() })
            .onConflict((oc) => oc.columns(['site', 'email_hash']).doNothing())
            .execute();
        } else {
          // Every reply mail carries its own link; any of them stops the subscription, and pressing twice is harmless.
          await trx.updateTable('subscriptions').set({ state: 'off' }).where('id', '=', number).execute();
        }
        return true;
      });
      return linkPageReply(reply, ok ? 200 : 410, linkPage(t, ok ? { kind: 'done', action: link.kind } : { kind: 'gone', why: 'used' }));
    }
    return linkPageReply(reply, 404, linkPage(t, { kind: 'gone', why: 'invalid' }));
  });
}

/** The link pages' styles (served as a file: the policy allows no inline style). */
const PAGE_CSS = `:root{color-scheme:light dark;font:100%/1.5 system-ui,sans-serif}
body{margin:0;padding:1rem;max-width:40rem;margin-inline:auto}
body:has(firm-desk){max-width:none;padding:0}
main{display:grid;gap:1rem}
blockquote{margin:0;padding:.75rem 1rem;border-inline-start:4px solid color-mix(in srgb,currentColor 25%,transparent);white-space:pre-wrap}
button,input{font:inherit;padding:.6rem 1rem;min-height:44px}
button{background:light-dark(#1d4ed8,#93c5fd);color:light-dark(#fff,#0b1220);border:0;border-radius:.5rem;cursor:pointer}
label{display:grid;gap:.25rem}
:focus-visible{outline:2px solid light-dark(#1d4ed8,#93c5fd);outline-offset:2px}
.error{color:light-dark(#b91c1c,#fca5a5)}
`;
