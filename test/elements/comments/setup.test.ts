import { expect } from '@open-wc/testing';
import { setup, orderOf, pageSizeOf } from '../../../src/elements/comments/setup.js';

/** Runs `run`, returning what it printed with console.warn. */
function warned(run: () => void): string[] {
  const said: string[] = [];
  const warn = console.warn;
  console.warn = (text: string) => said.push(text);
  try {
    run();
  } finally {
    console.warn = warn;
  }
  return said;
}

describe('comments/setup', () => {
  it('picks the source the attributes name, the thread and where its drafts are kept', () => {
    const wp = setup('wordpress', 'https://law.example', '42', '/blog/visa');
    expect(wp.source).to.be.ok;
    expect(wp).to.include({ thread: '42', key: 'comments:wordpress:https://law.example:42' });
    expect(setup('', 'https://api.example/c', '', '/blog/visa')).to.include({ thread: '/blog/visa', key: 'comments:rest:https://api.example/c:/blog/visa' });
    const tab = setup('', '', '', '/blog/visa');
    expect(tab.source).to.be.ok;
    expect(tab.key).to.equal('comments:local::/blog/visa');
  });

  it('keeps no source and says once what is wrong: an unknown source, a missing endpoint, a WordPress post that is no number', () => {
    const unknown = `disqus-${Date.now()}`;
    expect(warned(() => expect(setup(unknown, 'https://x.example', '1', '/').source).to.equal(undefined))).to.deep.equal([`<firm-comments> source="${unknown}": use local, rest, wordpress`]);
    expect(warned(() => expect(setup('wordpress', '', '1', '/').source).to.equal(undefined))[0] ?? '').to.match(/endpoint="": needed with source="wordpress"/);
    const post = `hello-${Date.now()}`;
    expect(warned(() => expect(setup('wordpress', 'https://law.example', post, '/').source).to.equal(undefined))).to.deep.equal([`<firm-comments> post-id="${post}": use the post’s number`]);
  });

  it('reads the order and the page size, saying what it cannot use', () => {
    expect(orderOf('newest')).to.equal('newest');
    const order = `sideways-${Date.now()}`;
    expect(warned(() => expect(orderOf(order)).to.equal('oldest'))).to.have.length(1);
    expect(pageSizeOf(50)).to.equal(50);
    expect(warned(() => expect(pageSizeOf(-Date.now())).to.equal(20))).to.have.length(1);
    warned(() => expect(pageSizeOf(NaN)).to.equal(20));
  });
});
