import { expect } from '@open-wc/testing';
import { parse as nodes, decode, safeUrl, contentOf } from '../../../src/elements/comments/rich.js';

/** The nodes back as simple markup, to compare: links show their address, and nothing else has an attribute. */
const markup = (list: Node[]): string =>
  list
    .map((n) => {
      if (!(n instanceof Element)) return n.textContent;
      const t = n.localName;
      const attrs = [...n.attributes].map((a) => `${a.name}=${a.value}`).join();
      if (t === 'a') expect(attrs).to.equal(`rel=nofollow ugc noopener,href=${n.getAttribute('href')}`);
      else expect(attrs).to.equal('');
      return `<${t}${t === 'a' ? ` ${n.getAttribute('href')}` : ''}>${t === 'br' ? '' : markup([...n.childNodes]) + `</${t}>`}`;
    })
    .join('');
const parse = (html: string) => {
  const root = document.createElement('div');
  nodes(html, root);
  return [...root.childNodes];
};
const show = markup;

describe('comments/rich', () => {
  it('keeps the allowed elements of a WordPress comment', () => {
    const html = '<p>Hello <strong>you</strong>,<br />\n<em>see</em> <a href="https://example.com/a?b=1&amp;c=2" rel="nofollow ugc">this</a>.</p>\n<blockquote><p>quoted</p></blockquote>\n<code>two</code>';
    expect(show(parse(html))).to.equal(
      '<p>Hello <strong>you</strong>,<br>\n<em>see</em> <a https://example.com/a?b=1&c=2>this</a>.</p>\n<blockquote><p>quoted</p></blockquote>\n<code>two</code>',
    );
  });

  it('turns every other element into its text (as WordPress itself does) and drops comments', () => {
    expect(show(parse('<div>a<span title="x">b</span></div><script>alert(1)</script><style>p{}</style><!-- c -->d<img src=x onerror=alert(1)>'))).to.equal('abalert(1)p{}d');
    expect(show(parse('<svg><script>alert(1)</script><text>t</text></svg>after'))).to.equal('alert(1)tafter');
    expect(show(parse('<ul><li>one</li></ul><pre>two</pre>'))).to.equal('onetwo');
    expect(show(parse('<!-- a > b --><p>x</p><!-- never closed <p>y</p>'))).to.equal('<p>x</p>');
  });

  it('shows <b> and <i>, which WordPress allows in comments, as <strong> and <em>', () => {
    expect(show(parse('<B>bold</b> and <i>it<b>both</b></I>'))).to.equal('<strong>bold</strong> and <em>it<strong>both</strong></em>');
  });

  it('keeps links only to http, https and mailto, however the scheme is disguised', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' java\tscript:alert(1)', '&#106;avascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '/relative', '']) {
      expect(show(parse(`<a href="${href}">x</a>`)), href).to.equal('x');
    }
    expect(show(parse('<a href="mailto:a@b.test">m</a>'))).to.equal('<a mailto:a@b.test>m</a>');
    expect(show(parse(`<a title='href="javascript:x"' href='https://ok.test/'>k</a>`))).to.equal('<a https://ok.test/>k</a>');
  });

  it('reads attributes with their quotes respected: a quoted value never holds another attribute', () => {
    // WordPress's moderation screen shows moderators the good link: so must the element.
    expect(show(parse(`<a title=' href=https://evil.example/' href="https://good.example/">x</a>`))).to.equal('<a https://good.example/>x</a>');
    expect(show(parse(`<a title=" href=https://evil.example/" href='https://good.example/'>x</a>`))).to.equal('<a https://good.example/>x</a>');
    expect(show(parse(`<a data-x=href=https://evil.example/ href=https://good.example/>x</a>`))).to.equal('<a https://good.example/>x</a>');
    // The first href is the one a browser uses.
    expect(show(parse(`<a HREF="https://first.example/" href="https://second.example/">x</a>`))).to.equal('<a https://first.example/>x</a>');
  });

  it('ends an unclosed link with its paragraph', () => {
    expect(show(parse('<p><a href="https://a.example/">one<p>two</p>'))).to.equal('<p><a https://a.example/>one</a></p><p>two</p>');
    expect(show(parse('<p><a href="https://a.example/">one</p>\n<p>two</p>'))).to.equal('<p><a https://a.example/>one</a></p>\n<p>two</p>');
    expect(show(parse('<a href="https://a.example/">one<blockquote>two</blockquote>'))).to.equal('<a https://a.example/>one</a><blockquote>two</blockquote>');
  });

  it('makes a commenter’s mailto: link a plain address, without cc, bcc, subject or body', () => {
    expect(show(parse('<a href="mailto:ana@example.com?cc=boss@example.com&amp;body=Send%20me%20the%20file">m</a>'))).to.equal('<a mailto:ana@example.com>m</a>');
    expect(show(parse('<a href="mailto:?body=hello">m</a>'))).to.equal('m');
  });

  it('does not nest links, and closes only what is open', () => {
    expect(show(parse('<a href="https://a.test/">1<a href="https://b.test/">2</a>3</a>'))).to.equal('<a https://a.test/>12</a>3');
    expect(show(parse('<p>a<em>b</p>c</em></strong>'))).to.equal('<p>a<em>b</em></p>c');
  });

  it('decodes the entities WordPress writes', () => {
    expect(decode('&lt;b&gt; &amp; &quot;&#8220;&#x201D;&#8217;&#8230;&nbsp;&nope; &#0; &#x110000; &#xD800;')).to.equal('<b> & "“”’…\xa0&nope; \0 \ufffd \ud800');
    expect(show(parse('&lt;script&gt;alert(1)&lt;/script&gt;'))).to.equal('<script>alert(1)</script>');
  });

  it('normalises safe URLs and refuses the rest', () => {
    expect(safeUrl('https://Example.com/a b')).to.equal('https://example.com/a%20b');
    expect(safeUrl('mailto:a@b.test')).to.equal('');
    expect(safeUrl('mailto:a@b.test', true)).to.equal('mailto:a@b.test');
    expect(safeUrl(undefined)).to.equal('');
    expect(safeUrl({ toString: () => 'javascript:1' })).to.equal('');
  });

  it('reads a flood of broken tags in linear time', () => {
    const evil = '<a "'.repeat(20000) + '<a x="<'.repeat(20000) + '<!--'.repeat(5000);
    const t = performance.now();
    parse(evil);
    // Quadratic reading takes minutes (WebKit's one text node per token: 103 s); linear takes
    // 10-30 ms, and 2 s leaves room for a slow engine on a busy machine (Firefox at nice 10: 660 ms).
    expect(performance.now() - t).to.be.below(2000);
  });

  it('builds each comment’s text once, HTML rebuilt and plain text kept as text', () => {
    const rich = { content: '<p>Hi <b>there</b><img src=x onerror=alert(1)></p>', html: true };
    const box = contentOf(rich);
    expect(box.getAttribute('part')).to.equal('content');
    expect(show([...box.childNodes])).to.equal('<p>Hi <strong>there</strong></p>');
    expect(contentOf(rich)).to.equal(box);
    const plain = contentOf({ content: '<b>not bold</b>\nsecond line' });
    expect([plain.className, plain.textContent, plain.children.length]).to.deep.equal(['text', '<b>not bold</b>\nsecond line', 0]);
  });
});
