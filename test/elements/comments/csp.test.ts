import { expect } from '@open-wc/testing';
import type { FirmComments } from '../../../src/elements/comments/comments.js';
import { q, qa, fresh, freshPost, until, postJson } from './helpers.js';

type Framed = Window & typeof globalThis & { problems: string[] };

describe('<firm-comments> under a strict Content-Security-Policy with Trusted Types', () => {
  it('renders WordPress HTML and posts comments with no violation', async () => {
    const post = freshPost();
    const thread = fresh();
    await postJson('/test-wpc/_seed', {
      post: Number(post),
      comments: [{ author_name: 'Ana', author_url: 'https://ana.example/', rendered: '<p>A <a href="https://law.example/">link</a>, <em>emphasis</em><br />and <code>code</code>.</p><img src=x onerror=alert(1)>' }],
    });
    const frame = document.createElement('iframe');
    frame.src = `/test-api/comments/_csp?post=${post}&thread=${thread}`;
    document.body.append(frame);
    await new Promise((r) => frame.addEventListener('load', r, { once: true }));
    const win = frame.contentWindow as Framed;
    const [wp, local] = [...win.document.querySelectorAll('firm-comments')] as FirmComments[];
    await until(() => wp.shadowRoot && qa(wp, '[part=comment]').length === 1, 'the WordPress comments', 8000);
    expect(q(wp, '[part=content]').innerHTML.replace(/<!--[^>]*-->/g, '')).to.equal(
      '<p>A <a rel="nofollow ugc noopener" href="https://law.example/">link</a>, <em>emphasis</em><br>and <code>code</code>.</p>',
    );


    // Posting and showing a comment, as a visitor.
    await until(() => local.shadowRoot && q(local, '[part=heading]')?.textContent?.includes('0'), 'the local list', 8000);
    for (const [name, value] of [['name', 'Ben'], ['email', 'ben@example.test'], ['content', '<b>not bold</b>']]) {
      const field = q<HTMLInputElement>(local, `[name=${name}]`);
      field.value = value;
      field.dispatchEvent(new win.Event('input', { bubbles: true, composed: true }));
    }
    q(local, 'form .primary').click();
    await until(() => qa(local, '[part=comment]').length === 1, 'the posted comment');
    expect(q(local, '[part=content]').textContent).to.equal('<b>not bold</b>');
    expect(win.problems).to.deep.equal([]);

    // The policy really is enforced here: the HTML parsers reachable from script refuse a string.
    // Chromium and WebKit name TrustedHTML; Firefox 153 says "Sink type mismatch violation".
    const refused = /TrustedHTML|Sink type mismatch/;
    expect(() => (win.document.createElement('div').innerHTML = '<b>x</b>')).to.throw(refused);
    expect(() => new win.DOMParser().parseFromString('<b>x</b>', 'text/html')).to.throw(refused);
    expect(() => win.document.createElement('template').innerHTML = '<b>x</b>').to.throw(refused);
    await until(() => win.problems.length === 3, 'the violations reported');
    frame.remove();
  });
});
