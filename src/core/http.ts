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
  | 'offline' // the browser knows it has no network
  | 'unreachable' // no answer while online: a refused connection, a CORS refusal, a name that does not resolve
  | 'timeout' // no answer in time
  | 'server' // 5xx, or an error answer we cannot read
  | 'unreadable' // a 2xx that proves nothing: no JSON body (a theme's page at a wrong address, a captive portal)
  | 'unexpected'; // a bug in the page, not the site's answer (logged with console.error)

export interface FailureDetails {
  status?: number;
  /** Seconds to wait, from `Retry-After` or the server's body. */
  retryAfter?: number;
  /** Field name → the server's message for it. */
  fields?: Record<string, string>;
  /** The server's own error code, e.g. WordPress's `comment_duplicate`. */
  code?: string;
}

export class SendError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string = kind,
    readonly details: FailureDetails = {},
  ) {
    super(message);
  }
}

/** `Retry-After` as seconds: either a number of seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null): number | undefined {
  // "0" reads as a date long past: 0 either way.
  const s = header ? +header || (Date.parse(header) - Date.now()) / 1000 : NaN;
  return isNaN(s) ? undefined : Math.max(0, Math.ceil(s));
}

/**
 * `fetch` that rejects only with a {@link SendError}: `offline` when the browser knows it is
 * offline, `unreachable` when the request fails while it is online, `timeout` after 15 seconds. HTTP error statuses resolve
 * normally; read them with `wpFailure()` (core/wordpress.ts). (The deadline owns the request's signal.)
 */
export async function request(url: string, init?: RequestInit): Promise<Response> {
  if (navigator.onLine === false) throw new SendError('offline');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 15000);
  try {
    return await fetch(url, { ...init, signal: controller.signal });
  } catch {
    // A CORS refusal and a dropped connection look alike to a page: only the browser's own flag
    // can say "offline", and a visitor who is online must not be told to check their network.
    if (controller.signal.aborted) throw new SendError('timeout');
    throw new SendError(navigator.onLine ? 'unreachable' : 'offline');
  } finally {
    clearTimeout(timer);
  }
}

/** A response's JSON body, or undefined when it has none (a proxy's error page, a theme's page) or cannot be read. */
export const jsonOf = async (res: Response): Promise<unknown> => res.json().catch(() => undefined);

/** What an error answer may say: at the top level (our `rest` protocols) or in WordPress's `data`. */
export interface ErrorBody {
  code?: string;
  message?: string;
  fields?: Record<string, string>;
  data?: { params?: Record<string, string>; fields?: Record<string, string>; retry_after?: number };
}
