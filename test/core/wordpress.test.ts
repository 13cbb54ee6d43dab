import { expect } from '@open-wc/testing';
import { wpRoot, wpUrl, wpFailure } from '../../src/core/wordpress.js';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

describe('core/wordpress', () => {
  it('takes the REST root every WordPress answers (?rest_route=), asking the site nothing first', () => {
    const asked: string[] = [];
    const seen = new PerformanceObserver((list) => asked.push(...list.getEntries().map((e) => e.name)));
    seen.observe({ type: 'resource' });
    expect(wpRoot('/blog')).to.equal('/blog/?rest_route=/');
    expect(wpRoot('https://s.test/blog//')).to.equal('https://s.test/blog/?rest_route=/');
    seen.disconnect();
    expect(asked).to.deep.equal([]);
  });

  it('builds route URLs for both root styles', () => {
    expect(wpUrl('https://s.test/wp-json/', 'wp/v2/comments', { post: 42, page: 2 })).to.equal(
      'https://s.test/wp-json/wp/v2/comments?post=42&page=2',
    );
    expect(wpUrl('https://s.test/?rest_route=/', 'wp/v2/comments', { post: 42 })).to.equal(
      'https://s.test/?rest_route=%2Fwp%2Fv2%2Fcomments&post=42',
    );
  });

  it('maps WordPress error codes to failure kinds, keeping the code', async () => {
    const cases: [number, string, string][] = [
      [409, 'comment_duplicate', 'duplicate'],
      [400, 'comment_flood', 'too-fast'],
      [403, 'rest_comment_closed', 'closed'],
      [401, 'rest_comment_login_required', 'not-allowed'],
      [400, 'rest_comment_author_data_required', 'validation'],
      [400, 'rest_comment_content_invalid', 'validation'],
      [404, 'rest_comment_invalid_post_id', 'not-found'],
      [403, 'rest_comment_draft_post', 'closed'],
    ];
    for (const [status, code, kind] of cases) {
      const err = await wpFailure(json(status, { code, message: 'm', data: { status } }));
      expect([err.kind, err.details.code, err.details.status], code).to.deep.equal([kind, code, status]);
    }
  });

  it('reads field errors from data.params and from the code, and the wait of a rate limit', async () => {
    const params = await wpFailure(json(400, { code: 'rest_invalid_param', message: 'Invalid', data: { params: { author_email: 'Invalid email.' } } }));
    expect(params.details.fields).to.deep.equal({ author_email: 'Invalid email.' });
    const content = await wpFailure(json(400, { code: 'rest_comment_content_invalid', message: 'Empty' }));
    expect(content.details.fields).to.deep.equal({ content: 'Empty' });
    const limited = await wpFailure(json(429, { code: 'firm_rate_limited', message: 'Slow', data: { retry_after: 40 } }));
    expect([limited.kind, limited.details.retryAfter]).to.deep.equal(['too-fast', 40]);
    const header = await wpFailure(json(429, { code: 'firm_rate_limited', message: 'Slow', data: {} }, { 'Retry-After': '12' }));
    expect(header.details.retryAfter).to.equal(12);
  });

  it('classifies a non-JSON error page by its status', async () => {
    expect((await wpFailure(new Response('<h1>502</h1>', { status: 502 }))).kind).to.equal('server');
  });
});
