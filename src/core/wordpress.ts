import { request, failureOf, SendError, type FailureKind } from './http.js';

/**
 * What the comment and contact-form `wordpress` sources share: finding a site's REST root and
 * reading WordPress's error answers (`{code, message, data: {status, params}}`).
 */

const roots = new Map<string, Promise<string>>();

/**
 * The REST root of the WordPress site at `site`, once per page: the `Link: <…>;
 * rel="https://api.w.org/"` header when the browser may read it (same origin), else `/wp-json/`
 * when pretty permalinks answer, else `/?rest_route=/`, which works on every site.
 */
export function wpRoot(site: string): Promise<string> {
  const base = site.replace(/\/+$/, '');
  let root = roots.get(base);
  if (!root) {
    root = discover(base);
    roots.set(base, root);
    root.catch(() => roots.delete(base));
  }
  return root;
}

async function discover(base: string): Promise<string> {
  const head = (url: string) => request(url, { method: 'HEAD', timeout: 8000 }).catch((e: SendError) => {
    if (e.kind === 'offline' && navigator.onLine === false) throw e;
    return undefined;
  });
  const link = (await head(`${base}/`))?.headers.get('Link');
  const found = link?.match(/<([^>]+)>;\s*rel="https:\/\/api\.w\.org\/"/);
  if (found) return found[1];
  if ((await head(`${base}/wp-json/`))?.ok) return `${base}/wp-json/`;
  return `${base}/?rest_route=/`;
}

/** A route under a REST root, with query parameters, for both root styles. */
export function wpUrl(root: string, route: string, params: Record<string, string | number | undefined> = {}): string {
  const url = new URL(root.includes('rest_route=') ? root + route : root.replace(/\/?$/, '/') + route, location.href);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  return url.href;
}

const KINDS: Record<string, FailureKind> = {
  comment_duplicate: 'duplicate',
  comment_flood: 'too-fast',
  rest_comment_closed: 'closed',
  rest_comment_draft_post: 'closed',
  rest_comment_login_required: 'not-allowed',
  rest_cannot_create: 'not-allowed',
  rest_forbidden: 'not-allowed',
  rest_comment_invalid_post_id: 'not-found',
  rest_post_invalid_id: 'not-found',
  rest_no_route: 'not-found',
  rest_comment_author_data_required: 'validation',
  rest_comment_content_invalid: 'validation',
  rest_invalid_param: 'validation',
  rest_missing_callback_param: 'validation',
  firm_invalid: 'validation',
  firm_rate_limited: 'too-fast',
};

/** Fields WordPress names in its codes rather than in `data.params`. */
const CODE_FIELDS: Record<string, string[]> = {
  rest_comment_author_data_required: ['author_name', 'author_email'],
  rest_comment_content_invalid: ['content'],
};

/** A WordPress error answer as a SendError whose `details.code` keeps WordPress's own code. */
export async function wpFailure(res: Response): Promise<SendError> {
  let body: { code?: string; message?: string; data?: { status?: number; params?: Record<string, string>; fields?: Record<string, string>; retry_after?: number } } = {};
  try {
    body = await res.clone().json();
  } catch {
    return failureOf(res);
  }
  const code = body.code ?? '';
  const generic = await failureOf(res);
  const fields =
    body.data?.fields ?? body.data?.params ?? (CODE_FIELDS[code] ? Object.fromEntries(CODE_FIELDS[code].map((f) => [f, body.message ?? ''])) : undefined);
  return new SendError(KINDS[code] ?? generic.kind, body.message ?? generic.message, {
    ...generic.details,
    code,
    fields,
    retryAfter: generic.details.retryAfter ?? body.data?.retry_after,
  });
}
