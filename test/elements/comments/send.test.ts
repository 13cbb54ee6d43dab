import { expect } from '@open-wc/testing';
import { tidied, problems, outgoing, accepted, afterSend } from '../../../src/elements/comments/send.js';
import { noPages, withComment } from '../../../src/elements/comments/paging.js';
import { loadHeld, saveHeld } from '../../../src/elements/comments/held.js';
import type { Comment, Draft } from '../../../src/elements/comments/sources/source.js';

const c = (id: string, parent = ''): Comment => ({ id, parent, author: `A${id}`, url: '', date: new Date(Date.UTC(2026, 2, 1, Number(id) || 0)).toISOString(), content: id });

describe('comments/send', () => {
  const draft = (d: Partial<Draft> = {}): Draft => ({ name: 'Ana', email: 'ana@example.test', url: '', content: 'Thanks', parent: '', notify: false, remember: false, since: 5, ...d });

  it('checks each field, the website with its https', () => {
    const wrong = (d: Draft) => Object.keys(problems(tidied(d))).filter((k) => problems(tidied(d))[k]);
    expect(wrong(draft())).to.deep.equal([]);
    expect(wrong(draft({ name: ' ', email: 'ana@', content: '\n' }))).to.deep.equal(['name', 'email', 'content']);
    expect(tidied(draft({ url: ' reyes-law.example ' })).url).to.equal('https://reyes-law.example');
    expect(wrong(draft({ url: 'javascript:alert(1)' }))).to.deep.equal(['url']);
  });

  it('sends mail about replies only where the form offers it, with the form’s language', () => {
    expect(outgoing(draft({ notify: true }), true, 'es')).to.include({ notify: true, lang: 'es' });
    const offeredNot = outgoing(draft({ notify: true }), false, 'es');
    expect([offeredNot.notify, offeredNot.lang]).to.deep.equal([undefined, undefined]);
    const unticked = outgoing(draft(), true, 'es');
    expect([unticked.notify, unticked.lang]).to.deep.equal([undefined, undefined]);
  });

  it('shows the accepted comment under what it answers, held or not, and keeps only who wrote it for the next', () => {
    expect(accepted(c('7'), '3', 'hold')).to.include({ parent: '3', hold: true });
    expect(accepted(c('7', '2'), '3', 'approved')).to.include({ parent: '2', hold: false });
    const next = afterSend(draft({ parent: '3', notify: true, remember: true, content: 'Thanks', url: 'https://a.example' }));
    expect(next).to.deep.equal({ name: 'Ana', email: 'ana@example.test', url: 'https://a.example', content: '', parent: '', notify: false, remember: true, since: 0 });
  });

  it('counts an approved comment and shows it last', () => {
    const p = withComment({ ...noPages, list: [c('1')], total: 5, page: 1, more: true }, c('8'));
    expect(p.list.map((x) => x.id)).to.deep.equal(['1', '8']);
    expect(p).to.include({ total: 6, page: 1, more: true });
  });

  it('keeps held comments for the tab, on the device for 30 days with "Remember me", and nothing once none is left', () => {
    const key = `test:${Date.now()}`;
    const held = [{ ...c('7'), date: new Date().toISOString(), hold: true }];
    saveHeld(key, held);
    expect(loadHeld(key).map((x) => x.id)).to.deep.equal(['7']);
    expect(Object.keys(localStorage).filter((k) => k.includes(key))).to.deep.equal([]);
    saveHeld(key, held, true);
    expect(Object.keys(localStorage).filter((k) => k.includes(key))).to.have.length(1);
    saveHeld(key, []);
    expect(loadHeld(key)).to.deep.equal([]);
    expect(Object.keys({ ...localStorage, ...sessionStorage }).filter((k) => k.includes(key))).to.deep.equal([]);
  });
});
