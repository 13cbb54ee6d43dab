/**
 * The HTTP application, built from a config and a store: no globals, so each test builds its
 * own. Fastify validates every request by schema; every refusal is JSON in the shape the kit
 * reads (see the README's `rest` protocol and `<firm-contact-form>`), and changes nothing.
 */
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import ipaddr from 'ipaddr.js';
import { allowsOrigin, type Config, type SiteConfig } from './config.ts';
import type { Store } from './db/index.ts';
import { textsFor, type Texts } from './routes/text.ts';
import { commentRoutes } from './routes/comments.ts';
import { messageRoutes } from './routes/messages.ts';
import type { Outbox } from './outbox.ts';
import { Refusal } from './refusal.ts';
import { cachedDeskSite } from './desk/settings.ts';
import { adminRoutes } from './routes/admin.ts';
import { nulField } from './routes/fields.ts';

export { Refusal };

/** Enough for the longest message the form allows, with room; more is refused unread. */
export const BODY_LIMIT = 64 * 1024;
/** A client that has not sent its whole request by then is dropped (slow-loris). */
const REQUEST_TIMEOUT_MS = 15_000;
/** How often node looks for clients past that time. */
const TIMEOUT_CHECK_MS = 5000;
/** How long browsers may keep a preflight's answer. */
const PREFLIGHT_MAX_AGE_S = 600;

export type Protocol = 'comments' | 'messages';

declare module 'fastify' {
  interface FastifyRequest {
    site: SiteConfig;
    texts: Texts;
    /** What the route stored, told in the request's one log line (see onResponse). */
    stored: Record<string, unknown> | null;
  }
  interface FastifyContextConfig {
    protocol?: Protocol;
  }
}

export interface AppOptions {
  config: Config;
  store: Store;
  /** Told when mail is queued, so it goes out at once rather than at the next poll. */
  outbox?: Pick<Outbox, 'nudge'>;
  /** The clock (tests move it). */
  now?: () => Date;
  /** Fastify's logger options; default from the config's `log`. */
  logger?: boolean | object;
}

/** A peer on this machine or a private network: where a reverse proxy usually sits. */
function nearbyPeer(address: string | undefined): boolean {
  if (!address || !ipaddr.isValid(address)) return false;
  let addr = ipaddr.parse(address);
  if (addr.kind() == 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  return ['loopback', 'private', 'uniqueLocal', 'linkLocal'].includes(addr.range());
}

/** The site id in an API path, without routing: CORS runs before the route is known for preflights. */
const SITE_IN_PATH = /^\/api\/([^/?#]{1,63})\//;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const sites = new Map(config.sites.map((s) => [s.id, s]));
  const app = Fastify({
    logger: options.logger ?? {
      level: config.log,
      // Requests are logged without the visitor's address (see onResponse below): logs are kept longer than anything else.
    },
    // One line per request (below, when it is answered) rather than Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    requestTimeout: REQUEST_TIMEOUT_MS,
    // Fastify coerces types by default ("17" for 17); a wrong type is refused here instead.
    ajv: { customOptions: { coerceTypes: false, allErrors: true, removeAdditional: false } },
  });

  // Fastify hands node's server the request timeout but not the headers' (60 s): a client that
  // sent its headers and never its whole body was dropped after 90 s, not 15. Node checks the
  // clocks every 30 s by default; every few seconds keeps the limit near what it says.
  app.server.headersTimeout = REQUEST_TIMEOUT_MS;
  // (Read when the server starts listening; @types/node lists it only as a createServer option.)
  (app.server as typeof app.server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = TIMEOUT_CHECK_MS;

  app.decorateRequest('site', null as unknown as SiteConfig);
  app.decorateRequest('texts', null as unknown as Texts);
  app.decorateRequest('stored', null);

  // Only the site's own pages get CORS headers; `Vary: Origin` on every answer, so a cache
  // never hands one site's answer to another.
  await app.register(cors, {
    delegator: (req, callback) => {
      const id = SITE_IN_PATH.exec(req.url)?.[1];
      const site = id ? sites.get(id) : undefined;
      const origin = req.headers.origin;
      callback(null, {
        origin: site && origin && allowsOrigin(site, origin) ? origin : false,
        methods: ['GET', 'POST'],
        allowedHeaders: ['Content-Type', 'Accept'],
        exposedHeaders: ['Retry-After'],
        maxAge: PREFLIGHT_MAX_AGE_S,
      });
    },
  });

  // The contact form may send a plain url-encoded form (no preflight): every value a string,
  // so the two that are not strings are read back before the schema checks types.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    const fields: Record<string, unknown> = Object.fromEntries(new URLSearchParams(body as string));
    if (typeof fields.firm_elapsed == 'string' && /^\d{1,12}$/.test(fields.firm_elapsed)) fields.firm_elapsed = Number(fields.firm_elapsed);
    if (fields.consent === 'true') fields.consent = true;
    if (fields.consent === 'false') fields.consent = false;
    done(null, fields);
  });

  app.addHook('onRequest', async (req) => {
    req.texts = textsFor(req.headers['accept-language']);
  });

  // Behind a proxy left untrusted, every visitor has the proxy's address: the per-address
  // limits and the sign-in throttle then treat them all as one. Said once, when it shows.
  if (config.trustProxy === false) {
    let warned = false;
    app.addHook('onRequest', async (req) => {
      if (warned || req.headers['x-forwarded-for'] === undefined || !nearbyPeer(req.socket.remoteAddress)) return;
      warned = true;
      req.log.warn(
        'a request from a local or private address came with X-Forwarded-For while "trustProxy" is false: behind a proxy every visitor then shares its address (per-address limits and the sign-in throttle treat them as one). List your proxies\' addresses in "trustProxy", like ["127.0.0.1"].',
      );
    });
  }

  // A NUL in any field or query value (routes/fields.ts) is refused as a schema's wrong field is.
  app.addHook('preValidation', async (req) => {
    const inBody = nulField(req.body);
    const field = inBody ?? nulField(req.query);
    if (!field) return;
    const validation = [{ instancePath: `/${field}`, keyword: 'nul', params: {} }];
    throw refusalOf(req, Object.assign(new Error('NUL'), { validation, validationContext: inBody ? 'body' : 'querystring' }) as FastifyError);
  });

  // The route's pattern, never the address asked: that carries mail-link tokens and searched emails.
  // One line per request, with what it stored (a post's id…): a line costs a write to standard
  // output, and a second line per post was a tenth of a post's time on the server.
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      { method: req.method, route: req.routeOptions.url ?? 'none', origin: req.headers.origin, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10, ...req.stored },
      'request',
    );
  });

  app.setErrorHandler((error: FastifyError | Refusal, req, reply) => refuse(req, reply, error));
  app.setNotFoundHandler((req, reply) => refuse(req, reply, new Refusal(404, 'not_found', req.texts.notFound)));

  app.get('/healthz', async (_req, reply) => {
    const started = performance.now();
    await options.store.db.selectFrom('meta').select('key').limit(1).execute();
    reply.header('Cache-Control', 'no-store');
    return { status: 'ok', database: options.store.dialect, ms: Math.round((performance.now() - started) * 10) / 10 };
  });

  await app.register(
    async (api) => {
      // The site first, then the page asking: an unknown site or a page the site does not
      // list is refused before anything is read or written.
      api.addHook('onRequest', async (req) => {
        const { site: id } = req.params as { site: string };
        const site = sites.get(id);
        if (!site) throw new Refusal(404, 'unknown_site', req.texts.unknownSite);
        const origin = req.headers.origin;
        if (origin !== undefined && !allowsOrigin(site, origin)) throw new Refusal(403, 'origin', req.texts.origin);
        // The desk's settings for the site (moderation mode, routing…) over the config's, as
        // this process read them in the last 2 s (desk/settings.ts): no query per request.
        req.site = await cachedDeskSite(options.store, site);
      });
      await api.register(commentRoutes, options);
      await api.register(messageRoutes, options);
    },
    { prefix: '/api/:site' },
  );

  // The firm's desk: /admin, its API, and the pages mail links open (routes/admin.ts).
  await app.register(adminRoutes, options);

  return app;
}

/** Fastify's own refusals (schema, size, JSON, type) in the protocol's shape. */
function refusalOf(req: FastifyRequest, error: FastifyError | Refusal): Refusal {
  if (error instanceof Refusal) return error;
  const t = req.texts ?? textsFor(undefined);
  const protocol = req.routeOptions.config?.protocol;
  if (error.validation) {
    const fields: Record<string, string> = {};
    for (const v of error.validation) {
      const field = v.instancePath.split('/')[1] || (v.params as { missingProperty?: string }).missingProperty;
      if (field && !fields[field]) fields[field] = v.keyword == 'maxLength' || v.keyword == 'maximum' ? t.tooLong : (t as Record<string, string>)[field] ?? t.wrong;
    }
    // The comment form's protocol says 422 for fields; the message form's, like WordPress, 400.
    const status = protocol == 'comments' && error.validationContext == 'body' ? 422 : 400;
    return new Refusal(status, protocol == 'messages' ? 'firm_invalid' : 'invalid', t.invalid, fields);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Refusal(413, 'too_large', t.tooLarge);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new Refusal(415, 'unsupported_type', t.unsupported);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new Refusal(400, 'bad_json', t.badJson);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return new Refusal(status, error.code ?? 'bad_request', error.message);
  return new Refusal(500, 'internal', t.internal);
}

function refuse(req: FastifyRequest, reply: FastifyReply, error: FastifyError | Refusal) {
  const refusal = refusalOf(req, error);
  if (refusal.status >= 500) req.log.error({ err: error }, 'request failed');
  if (refusal.retryAfter !== undefined) reply.header('Retry-After', String(refusal.retryAfter));
  const data: Record<string, unknown> = { status: refusal.status };
  if (refusal.fields) data.fields = refusal.fields;
  if (refusal.retryAfter !== undefined) data.retry_after = refusal.retryAfter;
  return reply
    .code(refusal.status)
    .header('Cache-Control', 'no-store')
    .send({ code: refusal.code, message: refusal.message, ...(refusal.fields && { fields: refusal.fields }), data });
}
