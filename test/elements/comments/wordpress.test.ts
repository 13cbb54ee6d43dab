import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import type { CommentErrorEvent, CommentEvent } from '../../../src/elements/comments/comments.js';
import { q, qa, text, texts, freshPost, until, make, fill, send, postJson, sentTo } from './helpers.js';

const site = (mode = 'pretty', inject = 'ok') => `/test-wpc/${mode}/${inject}`;
const seed = (post: string, comments: object[]) => postJson('/test-wpc/_seed', { post: Number(post), comments });
const at = (minutes: number) => new Date(Date.parse('2026-03-01T12:00:00Z') + minutes * 6e4).toISOString().slice(0, 19);

describe('<firm-comments source="wordpress">', () => {
  beforeEach(() => (localStorage.clear(), sessionStorage.clear()));
  afterEach(() => sinon.restore());

  // Plain permalinks: only ?rest_route= answers there, as on a WordPress without pretty permalinks.
  for (const mode of ['plain']) {
    it(`reaches the REST API (${mode} permalinks) at once and lists the post’s comments with WordPress’s HTML rebuilt`, async () => {
      const post = freshPost();
      await seed(post, [
        { author_name: 'Ana', author_url: 'https://ana.example', rendered: '<p>See <a href="https://law.example/visa" rel="nofollow ugc">this</a> &amp; <strong>that</strong>&#8230;</p>\n', date_gmt: at(1) },
        { author_name: 'Ben', content: 'Second', date_gmt: at(2) },
      ]);
      const fetches = sinon.spy(window, 'fetch');
      const el = await make({ source: 'wordpress', endpoint: site(mode), 'post-id': post });
      expect(text(el, '[part=heading]')).to.equal('2 Comments');
      // Straight to the comments: no HEAD to the site's home page first (on WordPress, a page built for nothing).
      expect(fetches.getCalls().map((c) => String(c.args[0]))).to.have.length(1);
      expect(texts(el, '[part=author]')).to.deep.equal(['Ana', 'Ben']);
      const link = q<HTMLAnchorElement>(el, '[part=content] a');
      expect([link.href, link.rel, link.textContent]).to.deep.equal(['https://law.example/visa', 'nofollow ugc noopener', 'this']);
      expect(text(el, '[part=content]')).to.equal('See this & that…');
      expect(q(el, 'time').getAttribute('datetime')).to.equal('2026-03-01T12:01:00Z');
      await expect(el).to.be.accessible();
    });
  }

  it('pages by X-WP-Total and asks WordPress for the order', async () => {
    const post = freshPost();
    await seed(post, [1, 2, 3, 4, 5].map((i) => ({ author_name: `P${i}`, content: 'x', date_gmt: at(i) })));
    const fetches = sinon.spy(window, 'fetch');
    const el = await make({ source: 'wordpress', endpoint: site(), 'post-id': post, 'page-size': '2', order: 'newest' });
    expect(texts(el, '[part=author]')).to.deep.equal(['P5', 'P4']);
    expect(text(el, '[part=heading]')).to.equal('5 Comments');
    const list = fetches.getCalls().map((c) => decodeURIComponent(String(c.args[0]))).find((u) => u.includes('wp/v2/comments'))!;
    expect(list).to.contain(`post=${post}`).and.contain('per_page=2').and.contain('order=desc').and.contain('offset=0');
    q(el, '[part=more]').click();
    await until(() => qa(el, '[part=comment]').length === 4, 'page 2');
    q(el, '[part=more]').click();
    await until(() => qa(el, '[part=comment]').length === 5, 'page 3');
    expect(q(el, '[part=more]')).to.be.null;
  });

  it('asks for at most 100 a request, as WordPress requires, and shows a bigger page whole', async () => {
    const post = freshPost();
    await seed(post, Array.from({ length: 130 }, (_, i) => ({ author_name: `P${i}`, content: 'x', date_gmt: at(i) })));
    const fetches = sinon.spy(window, 'fetch');
    const el = await make({ source: 'wordpress', endpoint: site(), 'post-id': post, 'page-size': '500' });
    expect(text(el, '[part=heading]')).to.equal('130 Comments');
    expect(qa(el, '[part=comment]')).to.have.length(130);
    expect(texts(el, '[part=author]').slice(99, 101)).to.deep.equal(['P99', 'P100']);
    const lists = fetches.getCalls().map((c) => new URL(String(c.args[0])).searchParams).filter((p) => p.has('per_page'));
    expect(lists.map((p) => [p.get('offset'), p.get('per_page')])).to.deep.equal([['0', '100'], ['100', '100'], ['200', '100'], ['300', '100'], ['400', '100']]);
  });

  it('threads replies by parent', async () => {
    const post = freshPost();
    await seed(post, [{ id: 7001, author_name: 'Ana', content: 'Q', date_gmt: at(1) }]);
    await seed(post, [{ parent: 7001, author_name: 'Ben', content: 'A', date_gmt: at(2) }]);
    const el = await make({ source: 'wordpress', endpoint: site(), 'post-id': post });
    expect(q(el, '[part=comment] [part=comment] [part=author]').textContent).to.equal('Ben');
  });

  it('shows initials by default without requesting the avatars WordPress sends, and the 48 px one with avatars', async () => {
    const post = freshPost();
    // Same origin, so nothing leaves the machine; no server answers it (a 404 is fine).
    const pic = `${location.origin}/test-avatars/${post}.png`;
    await seed(post, [{ author_name: 'Ana Reyes', content: 'x', author_avatar_urls: { 24: pic + '?s=24', 48: pic, 96: pic + '?s=96' } }]);
    let el = await make({ source: 'wordpress', endpoint: site(), 'post-id': post });
    expect(q(el, 'img')).to.be.null;
    expect(text(el, '[part=avatar]')).to.equal('AR');
    await new Promise((r) => setTimeout(r, 100));
    expect(performance.getEntriesByType('resource').filter((r) => r.name.includes('/test-avatars/'))).to.be.empty;
    el.remove();
    el = await make({ source: 'wordpress', endpoint: site(), 'post-id': post, avatars: true });
    const img = q<HTMLImageElement>(el, 'img[part=avatar]');
    expect(['src', 'alt', 'loading', 'referrerpolicy'].map((a) => img.getAttribute(a))).to.deep.equal([pic, '', 'lazy', 'no-referrer']);
    expect(text(el, '[part=author]')).to.equal('Ana Reyes');
    await expect(el).to.be.accessible();
  });

  it('posts what WordPress expects, with the spam-guard fields at the top level, and shows the held comment', async () => {
    const post = freshPost();
    const el = await make({ source: 'wordpress', endpoint: site('plain'), 'post-id': post });
    const posted = sinon.spy();
    el.addEventListener('firm-comment-posted', posted);
    await fill(el, { url: 'https://ana.example/' });
    expect(await send(el)).to.equal('Your comment is awaiting moderation.');
    const [body] = await sentTo(`/test-wpc/_sent?post=${post}`);
    expect(body).to.include({ post: Number(post), parent: 0, author_name: 'Ana Reyes', author_email: 'ana@example.test', author_url: 'https://ana.example/', content: 'Very helpful, thank you.', firm_hp: '' });
    expect(body.firm_elapsed).to.be.a('number');
    const { detail } = posted.firstCall.args[0] as CommentEvent;
    expect(detail.status).to.equal('hold');
    expect(text(el, '[part=pending]')).to.equal('Your comment is awaiting moderation.');
    expect(text(el, '[part=content]')).to.equal('Very helpful, thank you.');
    await expect(el).to.be.accessible();

    // Still there after a reload, until the site lists it once approved.
    el.remove();
    let again = await make({ source: 'wordpress', endpoint: site('plain'), 'post-id': post });
    expect(text(again, '[part=pending]')).to.equal('Your comment is awaiting moderation.');
    await postJson('/test-wpc/_approve', { id: detail.id });
    again.remove();
    again = await make({ source: 'wordpress', endpoint: site('plain'), 'post-id': post });
    expect(q(again, '[part=pending]')).to.be.null;
    expect(texts(again, '[part=author]')).to.deep.equal(['Ana Reyes']);
  });

  it('shows an approved comment as posted', async () => {
    const el = await make({ source: 'wordpress', endpoint: site('pretty', 'approve'), 'post-id': freshPost() });
    await fill(el);
    expect(await send(el)).to.equal('Thank you! Comment posted.');
    expect(text(el, '[part=heading]')).to.equal('1 Comment');
  });

  const codes: [string, string, string, string[]][] = [
    ['comment_duplicate', 'duplicate', 'You already sent this.', []],
    ['comment_flood', 'too-fast', 'Too fast. Please wait a moment. Your text is kept.', []],
    ['rest_comment_closed', 'closed', 'This form is closed.', []],
    ['rest_comment_login_required', 'not-allowed', 'The site does not allow this. Your text is kept.', []],
    ['rest_comment_author_data_required', 'validation', 'Please check the form.', ['name', 'email']],
    ['rest_comment_content_invalid', 'validation', 'Please check the form.', ['content']],
    ['rest_comment_invalid_post_id', 'not-found', 'Not found on the site. Your text is kept.', []],
    ['rest_comment_draft_post', 'closed', 'This form is closed.', []],
    ['rest_invalid_param', 'validation', 'Please check the form.', ['email']],
    ['500', 'server', 'The site had a problem. Your text is kept.', []],
    ['drop', 'unreachable', 'Could not reach the site. Your text is kept.', []],
  ];
  for (const [code, kind, message, fields] of codes) {
    it(`explains WordPress’s ${code}`, async () => {
      const el = await make({ source: 'wordpress', endpoint: site('pretty', code), 'post-id': freshPost() });
      const failed = sinon.spy();
      el.addEventListener('firm-comment-error', failed);
      await fill(el);
      expect(await send(el)).to.equal(message);
      expect(text(el, 'form .primary')).to.equal(message.endsWith('kept.') ? 'Try again' : 'Post Comment');
      const { detail } = failed.firstCall.args[0] as CommentErrorEvent;
      expect(detail.kind).to.equal(kind);
      if (code.includes('_')) expect(detail.code).to.equal(code);
      expect(qa<HTMLInputElement>(el, '[aria-invalid=true]').map((f) => f.name)).to.deep.equal(fields);
      expect(q<HTMLTextAreaElement>(el, 'textarea').value).to.equal('Very helpful, thank you.');
    });
  }

  it('explains them in Spanish', async () => {
    const el = await make({ source: 'wordpress', endpoint: site('pretty', 'rest_comment_closed'), 'post-id': freshPost() }, 'es');
    await fill(el);
    expect(await send(el)).to.equal('Este formulario está cerrado.');
    expect(text(el, '[part=heading]')).to.equal('0 comentarios');
    expect(text(el, '[part=empty]')).to.equal('No hay comentarios en esta entrada. Sea el primero en dejar el suyo abajo.');
    await expect(el).to.be.accessible();
  });

  it('says when the comments cannot be loaded', async () => {
    const el = await make({ source: 'wordpress', endpoint: site('pretty', 'list-500'), 'post-id': freshPost() });
    expect([text(el, '[part=status]'), text(el, '[part=more]')]).to.deep.equal(['Could not load the comments.', 'Try again']);
  });
});
