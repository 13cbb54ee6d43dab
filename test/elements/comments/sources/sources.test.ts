import { expect } from '@open-wc/testing';
import { local } from '../../../../src/elements/comments/sources/local.js';
import { rest } from '../../../../src/elements/comments/sources/rest.js';
import { wordpress } from '../../../../src/elements/comments/sources/wordpress.js';
import type { Draft, Source } from '../../../../src/elements/comments/sources/source.js';
import { SendError } from '../../../../src/core/http.js';
import { fresh, freshPost, postJson } from '../helpers.js';

const draft = (content: string, parent = ''): Draft => ({ name: 'Ana', email: 'ana@example.test', url: 'https://ana.example/', content, parent });
const guard = { firm_hp: '', firm_elapsed: 5000 };
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail('should have failed'),
    (e: SendError) => e,
  );

async function pages(source: Source, thread: string) {
  for (const c of ['one', 'two', 'three']) await source.create(thread, draft(c), guard);
  const first = await source.list(thread, { page: 1, size: 2, order: 'oldest' });
  const second = await source.list(thread, { page: 2, size: 2, order: 'oldest' });
  const newest = await source.list(thread, { page: 1, size: 2, order: 'newest' });
  expect(first.comments.map((c) => c.content)).to.deep.equal(['one', 'two']);
  expect([first.total, second.total]).to.deep.equal([3, 3]);
  expect(second.comments.map((c) => c.content)).to.deep.equal(['three']);
  expect(newest.comments.map((c) => c.content)).to.deep.equal(['three', 'two']);
  expect(first.comments[0]).to.include({ author: 'Ana', url: 'https://ana.example/', parent: '' });
  expect(Date.parse(first.comments[0].date)).to.be.above(0);
}

describe('comment sources', () => {
  beforeEach(() => (localStorage.clear(), sessionStorage.clear()));

  it('local: pages and orders what it stores, approved at once, without the email', async () => {
    await pages(local, fresh());
    const { comment, status } = await local.create('t', draft('x', 'p1'), guard);
    expect([status, comment.parent]).to.deep.equal(['approved', 'p1']);
    // Kept for the tab, like every draft: nothing on the device.
    expect(sessionStorage.getItem('firm-widgets:draft:local:t')).to.contain('"author":"Ana"').and.not.to.contain('ana@example.test');
    expect(localStorage.getItem('firm-widgets:draft:local:t')).to.be.null;
  });

  it('rest: pages and orders, and sends the spam-guard fields', async () => {
    const thread = fresh();
    await pages(rest('/test-api/comments'), thread);
    const [body] = await (await fetch(`/test-api/comments/_sent?thread=${thread}`)).json();
    expect(body).to.include({ thread, name: 'Ana', content: 'one', firm_hp: '', firm_elapsed: 5000 });
    expect(body).not.to.have.property('remember');
  });

  it('rest: reads the kind of a refusal from the status, and "closed" from the code', async () => {
    const kind = async (query: string) => {
      const e = await failure(rest(`/test-api/comments?${query}`).create(fresh(), draft('x'), guard));
      return [e.kind, e.details.retryAfter, e.details.fields];
    };
    expect(await kind('fail=closed')).to.deep.equal(['closed', undefined, undefined]);
    expect(await kind('fail=not-allowed')).to.deep.equal(['not-allowed', undefined, undefined]);
    expect(await kind('fail=too-fast')).to.deep.equal(['too-fast', 90, undefined]);
    expect(await kind('badfield=email')).to.deep.equal(['validation', undefined, { email: 'refused' }]);
    expect(await kind('fail=500')).to.deep.equal(['server', undefined, undefined]);
  });

  it('wordpress: pages by X-WP-Total, and rebuilds content.rendered', async () => {
    const post = freshPost();
    const site = wordpress('/test-wpc/plain/approve');
    await pages(
      {
        list: async (...a) => {
          const page = await site.list(...a);
          // The stand-in renders paragraphs: the text is inside one <p>.
          expect(page.comments.every((c) => c.html)).to.be.true;
          return { ...page, comments: page.comments.map((c) => ({ ...c, content: c.content.replace(/<\/?p>/g, '') })) };
        },
        create: site.create,
      },
      post,
    );
    const { status, comment } = await site.create(post, draft('reply', '1'), guard);
    expect([status, comment.parent]).to.deep.equal(['approved', '1']);
  });

  it('wordpress: keeps WordPress’s code and field names', async () => {
    const e = await failure(wordpress('/test-wpc/pretty/rest_comment_author_data_required').create(freshPost(), draft('x'), guard));
    expect([e.kind, e.details.code, e.details.status]).to.deep.equal(['validation', 'rest_comment_author_data_required', 400]);
    expect(Object.keys(e.details.fields!)).to.deep.equal(['author_name', 'author_email']);
    const held = await wordpress('/test-wpc/pretty/ok').create(freshPost(), draft('x'), guard);
    expect(held.status).to.equal('hold');
  });

  it('wordpress: asks for at most 100 a page', async () => {
    const post = freshPost();
    await postJson('/test-wpc/_seed', { post: Number(post), comments: [{ author_name: 'A', content: 'x' }] });
    const page = await wordpress('/test-wpc/link/ok').list(post, { page: 1, size: 250, order: 'oldest' });
    expect([page.total, page.comments.length]).to.deep.equal([1, 1]);
  });
});
