import { request, jsonOf, retryAfterSeconds, SendError, type ErrorBody, type FailureKind } from './http.js';

/**
 * What the comment and contact-form `wordpress` sources share: a site's REST root and reading
 * WordPress's error answers (`{code, message, data: {status, params}}`).
 */

/**
 * The REST root of the WordPress site at `site`: `/?rest_route=/`, which every WordPress answers,
 * with pretty permalinks or without, whatever prefix the site gives `/wp-json/`. Not discovered:
 * finding `/wp-json/` cost a HEAD request to the site's home page before the first comment or
 * message (on WordPress, a whole page built for nothing), and a second one on plain permalinks.
 */
export const wpRoot = (site: string): string => site.replace(/\/+$/, '') + '/?rest_route=/';

/** A route under a REST root, with query parameters: both root styles end in a slash (`/wp-json/`, `?rest_route=/`), so the route follows it. */
export function wpUrl(root: string, route: string, params: Record<string, string | number> = {}): string {
  const url = new URL(root.replace(/\/?$/, '/') + route, location.href);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v as string);
  return url.href;
}

/** The statuses that need no body to prove that the server has what was sent. */
const EMPTY_OK = [201, 204];

/**
 * A good answer's JSON body, or the failure a bad one explains. Delivery is proven, not assumed:
 * a 2xx counts only with a JSON body, or empty with 201 or 204. A wrong endpoint answering 200
 * with a web page (a theme's, a captive portal's) is `unreadable`, and the visitor keeps their text.
 */
export async function wpAnswer<T>(res: Response): Promise<T> {
  if (!res.ok) throw await wpFailure(res);
  let body: unknown;
  try {
    const text = await res.text();
    if (!text && EMPTY_OK.includes(res.status)) return {} as T;
    body = JSON.parse(text);
  } catch {
    // Not JSON, or cut off: said below.
  }
  if (body && typeof body == 'object') return body as T;
  throw new SendError('unreadable', 'unreadable', { status: res.status });
}

/**
 * POSTs `body` as JSON, or url-encoded with `form` (either body gives its own Content-Type; a
 * url-encoded one with this Accept is CORS-safelisted: hosted form backends get no preflight).
 * Resolves with the answer's body, as {@link wpAnswer}: a JSON object (a list is no answer to a POST).
 */
export async function wpPost<T>(url: string, body: object, form?: boolean): Promise<T> {
  const answer = await wpAnswer<T>(
    await request(url, {
      method: 'POST',
      headers: { Accept: 'application/json' },
      body: form ? new URLSearchParams(body as Record<string, string>) : new Blob([JSON.stringify(body)], { type: 'application/json' }),
    }),
  );
  if (Array.isArray(answer)) throw new SendError('unreadable');
  return answer;
}

/** The kind a bare HTTP status means, when the body says nothing more precise (else `server`). */
const STATUS: Record<number, FailureKind> = {
  400: 'validation',
  422: 'validation',
  401: 'not-allowed',
  403: 'not-allowed',
  404: 'not-found',
  410: 'not-found',
  409: 'duplicate',
  429: 'too-fast',
};

/** Codes whose HTTP status alone would be read wrongly; the rest (409 duplicate, 401 login required…) say it by status. */
const KINDS: Record<string, FailureKind> = {
  comment_flood: 'too-fast',
  rest_comment_closed: 'closed',
  rest_comment_draft_post: 'closed',
  closed: 'closed',
  rest_comment_invalid_post_id: 'not-found',
};

/** Fields WordPress names in its codes rather than in `data.params`. */
const CODE_FIELDS: Record<string, string[]> = {
  rest_comment_author_data_required: ['author_name', 'author_email'],
  rest_comment_content_invalid: ['content'],
};

/**
 * A failed answer as a SendError whose `details.code` keeps the server's own code: WordPress's
 * (`{code, message, data: {status, params}}`), or our `rest` protocols' (`fields` at the top
 * level), or none (a proxy's error page: its status says it). Fields come from the body, or from
 * the code (each told the message); the wait from `Retry-After` or the body.
 */
export async function wpFailure(res: Response): Promise<SendError> {
  const { code, message, fields, data = {} }: ErrorBody = ((await jsonOf(res)) as ErrorBody) || {};
  // Own keys only: a code such as "constructor" is no kind.
  const known = <T>(table: Record<string, T>) => (Object.hasOwn(table, code!) ? table[code!] : undefined);
  const namedByCode = known(CODE_FIELDS);
  const codeFields = namedByCode && Object.fromEntries(namedByCode.map((f) => [f, message ?? f]));
  return new SendError(known(KINDS) ?? STATUS[res.status] ?? 'server', message, {
    status: res.status,
    code,
    fields: data.fields ?? data.params ?? codeFields ?? fields,
    retryAfter: retryAfterSeconds(res.headers.get('Retry-After')) ?? data.retry_after,
  });
}
