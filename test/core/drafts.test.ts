import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { loadDraft, saveDraft, clearDraft, keepDraft } from '../../src/core/drafts.js';

describe('drafts', () => {
  afterEach(() => clearDraft('t'));

  it('keeps a draft in localStorage until it is cleared', () => {
    saveDraft('t', { name: 'Ana', message: 'Hola' });
    expect(JSON.parse(localStorage.getItem('firm-widgets:draft:t')!)).to.deep.equal({ name: 'Ana', message: 'Hola' });
    expect(loadDraft('t')).to.deep.equal({ name: 'Ana', message: 'Hola' });
    clearDraft('t');
    expect(loadDraft('t')).to.be.undefined;
  });

  it('still keeps the draft for this page view when storage refuses it', () => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      saveDraft('t', { message: 'kept' });
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect(loadDraft('t')).to.deep.equal({ message: 'kept' });
  });

  it('writes a kept draft after the last keystroke, at once when the page goes away, and never after clearing', () => {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      keepDraft('t', { message: 'H' });
      clock.tick(200);
      keepDraft('t', { message: 'Hi' });
      clock.tick(200);
      expect(loadDraft('t')).to.be.undefined;
      clock.tick(100);
      expect(loadDraft('t')).to.deep.equal({ message: 'Hi' });
      keepDraft('t', { message: 'Hi!' });
      dispatchEvent(new Event('pagehide'));
      expect(loadDraft('t')).to.deep.equal({ message: 'Hi!' });
      keepDraft('t', { message: 'late' });
      clearDraft('t');
      clock.tick(1000);
      expect(loadDraft('t')).to.be.undefined;
    } finally {
      clock.restore();
    }
  });
});
