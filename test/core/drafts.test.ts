import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { loadDraft, saveDraft, clearDraft, keepDraft, flushDrafts, isDraftEvent, sweepDevice } from '../../src/core/drafts.js';

const KEY = 'firm-widgets:draft:t';
const inTab = () => JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
const onDevice = () => JSON.parse(localStorage.getItem(KEY) ?? 'null');

/** Another tab on this device writes the draft. */
function otherTab(at: number, value: unknown) {
  localStorage.setItem(KEY, JSON.stringify({ at, until: at + 864e5, value }));
}

describe('drafts', () => {
  it('deletes every expired copy on the device, also of forms this page never shows', () => {
    const now = Date.now();
    localStorage.setItem('firm-widgets:draft:sweep-old', JSON.stringify({ at: now - 1000, until: now - 1, value: 'a legal matter' }));
    localStorage.setItem('firm-widgets:draft:sweep-new', JSON.stringify({ at: now, until: now + 60_000, value: 'kept' }));
    localStorage.setItem('another-script', 'left alone');
    sweepDevice();
    expect(localStorage.getItem('firm-widgets:draft:sweep-old')).to.equal(null);
    expect(JSON.parse(localStorage.getItem('firm-widgets:draft:sweep-new')!).value).to.equal('kept');
    expect(localStorage.getItem('another-script')).to.equal('left alone');
    localStorage.removeItem('firm-widgets:draft:sweep-new');
    localStorage.removeItem('another-script');
  });

  afterEach(() => {
    clearDraft('t');
    sinon.restore();
  });

  it('keeps a draft for the tab (sessionStorage) until it is cleared, leaving nothing on the device', () => {
    saveDraft('t', { name: 'Ana', message: 'Hola' });
    expect(inTab().value).to.deep.equal({ name: 'Ana', message: 'Hola' });
    expect(inTab().at).to.be.closeTo(Date.now(), 1000);
    expect(onDevice()).to.be.null;
    expect(loadDraft('t')).to.deep.equal({ name: 'Ana', message: 'Hola' });
    clearDraft('t');
    expect(loadDraft('t')).to.be.undefined;
    expect(inTab()).to.be.null;
  });

  it('keeps a draft on the device only when asked, with its expiry, and forgets it after', () => {
    saveDraft('t', { message: 'Hola' }, 30);
    const kept = onDevice();
    expect(kept.value).to.deep.equal({ message: 'Hola' });
    expect(kept.until - kept.at).to.equal(30 * 864e5);
    expect(inTab()).to.be.null;
    // Kept for the tab again (the visitor no longer wants to be remembered): the device copy goes.
    saveDraft('t', { message: 'Hola!' });
    expect(onDevice()).to.be.null;
    expect(inTab().value).to.deep.equal({ message: 'Hola!' });
    clearDraft('t');
    localStorage.setItem(KEY, JSON.stringify({ at: 1, until: Date.now() - 1, value: { message: 'old' } }));
    expect(loadDraft('t')).to.be.undefined;
    expect(onDevice()).to.be.null;
  });

  it('still keeps the draft for this page view when storage refuses it, and an older stored copy does not win', () => {
    saveDraft('t', { message: 'older' });
    const clock = sinon.useFakeTimers({ now: Date.now() + 1000, toFake: ['Date'] });
    sinon.stub(Storage.prototype, 'setItem').throws(new DOMException('full', 'QuotaExceededError'));
    saveDraft('t', { message: 'kept' });
    clock.restore();
    expect(inTab().value).to.deep.equal({ message: 'older' });
    expect(loadDraft('t')).to.deep.equal({ message: 'kept' });
  });

  it('writes a kept draft after the last keystroke, at once when the page goes away, and never after clearing', () => {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      keepDraft('t', { message: 'H' });
      clock.tick(200);
      keepDraft('t', { message: 'Hi' });
      clock.tick(200);
      expect(inTab()).to.be.null;
      // This page already knows it.
      expect(loadDraft('t')).to.deep.equal({ message: 'Hi' });
      clock.tick(100);
      expect(inTab().value).to.deep.equal({ message: 'Hi' });
      keepDraft('t', { message: 'Hi!' });
      dispatchEvent(new Event('pagehide'));
      expect(inTab().value).to.deep.equal({ message: 'Hi!' });
      keepDraft('t', { message: 'late' });
      clearDraft('t');
      clock.tick(1000);
      expect(inTab()).to.be.null;
      expect(loadDraft('t')).to.be.undefined;
    } finally {
      clock.restore();
    }
  });

  it('lets the newer edit win between two tabs on the device, by the time it was typed', () => {
    const typedAt = Date.now();
    keepDraft('t', { message: 'typed here' }, 30);
    // The other tab's edit came after this one's keystroke, before it was written: it wins.
    otherTab(typedAt + 500, { message: 'typed there, later' });
    expect(loadDraft('t')).to.deep.equal({ message: 'typed there, later' });
    flushDrafts();
    expect(onDevice().value).to.deep.equal({ message: 'typed there, later' });
    // A later edit here is the newest again, and is written over it.
    sinon.useFakeTimers({ now: typedAt + 1000, toFake: ['Date'] });
    saveDraft('t', { message: 'newest, here' }, 30);
    expect(loadDraft('t')).to.deep.equal({ message: 'newest, here' });
    expect(onDevice().value).to.deep.equal({ message: 'newest, here' });
    // The browser tells of the other tab's writes by the storage key.
    expect(isDraftEvent(new StorageEvent('storage', { key: KEY }), 't')).to.be.true;
    expect(isDraftEvent(new StorageEvent('storage', { key: KEY + 'x' }), 't')).to.be.false;
  });

  it('deletes a copy an older version left on the device with no expiry', () => {
    localStorage.setItem(KEY, JSON.stringify({ message: 'the last visitor’s matter' }));
    expect(loadDraft('t')).to.be.undefined;
    expect(onDevice()).to.be.null;
  });
});
