import { request, failureOf, SendError } from '../../../core/http.js';
import { plain, answer, post, type Source } from './source.js';

/** Our small JSON protocol (see the README): any backend can serve it. */

/** The status decides the kind unless the body's `code` names one ("closed" on a 403). */
async function fail(res: Response): Promise<SendError> {
  const e = await failureOf(res);
  const code = e.details.code;
  return code === 'closed' ? new SendError(code, e.message, e.details) : e;
}

export const rest = (endpoint: string): Source => ({
  async list(thread, { page, size, order }) {
    const url = new URL(endpoint, location.href);
    for (const [k, v] of Object.entries({ thread, page, per_page: size, order })) url.searchParams.set(k, String(v));
    const body = await answer<{ total?: number; comments?: Record<string, unknown>[] }>(await request(url.href), fail);
    const total = Number(body.total) || 0;
    return { comments: (body.comments ?? []).map(plain), total, more: page * size < total };
  },

  async create(thread, d, guard) {
    const c = await answer<Record<string, unknown>>(await request(endpoint, post({ thread, ...d, remember: undefined, ...guard })), fail);
    return { comment: plain(c), status: c.status === 'hold' ? 'hold' : 'approved' };
  },
});
