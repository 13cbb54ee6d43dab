/**
 * The one way the kit talks to a server: `fetch` with a deadline, and every failure sorted into
 * a kind an element can explain to a visitor. Shared by the comment sources and the contact form.
 */

export type FailureKind =
  | 'validation' // the server refused a field; see `fields`
  | 'duplicate' // the same text was already sent
  | 'too-fast' // flood or rate limit; see `retryAfter`
  | 'closed' // comments closed, form disabled
  | 'not-allowed' // login required, forbidden
  | 'not-found' // wrong endpoint or post
  | 'offline' // no network
  | 'timeout' // no answer in time
  | 'server'; // 5xx or an answer we cannot read

export class SendError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string = kind,
    readonly details: {
      status?: number;
      /** Seconds to wait, from `Retry-After` or the server's body. */
      retryAfter?: number;
      /** Field name → the server's message for it. */
      fields?: Record<string, string>;
      /** The server's own error code, e.g. WordPress's `comment_duplicate`. */
      code?: string;
    } = {},
  ) {
    super(message);
    this.name = 'SendError';
  }
}

/** `Retry-After` as seconds: either a number of seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The kind a bare HTTP status means, when the body says nothing more precise. */
export function kindOfStatus(status: number): FailureKind {
  if (status === 400 || status === 422) return 'validation';
  if (status === 401 || status === 403) return 'not-allowed';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409) return 'duplicate';
  if (status === 429) return 'too-fast';
  return 'server';
}

export interface RequestOptions extends RequestInit {
  /** Milliseconds before giving up with a `timeout` failure. Default 15 000. */
  timeout?: number;
}

/**
 * `fetch` that rejects only with a {@link SendError}: `offline` when the browser knows it is
 * offline or the network fails, `timeout` after the deadline. HTTP error statuses resolve
 * normally; read them with {@link failureOf}.
 */
export async function request(url: string, { timeout = 15000, ...init }: RequestOptions = {}): Promise<Response> {
  if (navigator.onLine === false) throw new SendError('offline');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  init.signal?.addEventListener('abort', () => controller.abort());
  try {
    return await fetch(url, { ...init, signal: controller.signal });
  } catch (e) {
    if (controller.signal.aborted && !init.signal?.aborted) throw new SendError('timeout');
    if (init.signal?.aborted) throw e;
    throw new SendError('offline', (e as Error).message);
  } finally {
    clearTimeout(timer);
  }
}

/** A failed response as a SendError, reading a JSON body's `code`, `message` and `fields` if any. */
export async function failureOf(res: Response, kind: FailureKind = kindOfStatus(res.status)): Promise<SendError> {
  let body: { code?: string; message?: string; fields?: Record<string, string>; retryAfter?: number } = {};
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's error page): the status alone decides.
  }
  return new SendError(kind, body.message ?? `HTTP ${res.status}`, {
    status: res.status,
    code: body.code,
    fields: body.fields,
    retryAfter: retryAfterSeconds(res.headers.get('Retry-After')) ?? body.retryAfter,
  });
}
