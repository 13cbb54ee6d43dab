import { expect } from '@open-wc/testing';
import { loadDraft, saveDraft, clearDraft } from '../../src/core/drafts.js';

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
});
