import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { request, retryAfterSeconds, SendError } from '../../src/core/http.js';
import { wpAnswer, wpFailure } from '../../src/core/wordpress.js';
import { duration } from '../../src/core/locale.js';

describe('http', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterSeconds('120')).to.equal(120);
    expect(retryAfterSeconds('0')).to.equal(0);
    const clock = sinon.useFakeTimers({ now: Date.UTC(2026, 0, 1), toFake: ['Date'] });
    try {
      expect(retryAfterSeconds(new Date(Date.UTC(2026, 0, 1, 0, 1)).toUTCString())).to.equal(60);
    } finally {
      clock.restore();
    }
    expect(retryAfterSeconds('soon')).to.be.undefined;
    expect(retryAfterSeconds(null)).to.be.undefined;
  });

  it('turns a network failure while online into an unreachable SendError, and says offline only when the browser knows it is', async () => {
    const err = await request('http://127.0.0.1:9/nothing-listens-here').catch((e) => e);
    expect(err).to.be.instanceOf(SendError);
    expect(err.kind).to.equal('unreachable');
    const fetch = window.fetch;
    let online = true;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
    // The connection drops during the request: the browser then knows it is offline.
    window.fetch = () => ((online = false), Promise.reject(new TypeError('Failed to fetch')));
    try {
      expect((await request('/x').catch((e) => e)).kind).to.equal('offline');
    } finally {
      window.fetch = fetch;
      delete (navigator as { onLine?: boolean }).onLine;
    }
  });

  it('proves delivery: a 2xx counts only with a JSON body, or empty with 201 or 204', async () => {
    const answer = (body: string | null, status = 200, type = 'application/json') => wpAnswer(new Response(body, { status, headers: { 'Content-Type': type } })).catch((e: SendError) => e.kind);
    expect(await answer('{"id":1}')).to.deep.equal({ id: 1 });
    expect(await answer('[]')).to.deep.equal([]);
    expect(await answer(null, 204)).to.deep.equal({});
    expect(await answer('', 201)).to.deep.equal({});
    expect(await answer('<!doctype html><h1>Welcome</h1>', 200, 'text/html')).to.equal('unreadable');
    expect(await answer('')).to.equal('unreadable');
    expect(await answer('"ok"')).to.equal('unreadable');
    expect(await answer('null')).to.equal('unreadable');
  });

  it('gives up after 15 seconds with a timeout SendError', async () => {
    const fetch = window.fetch;
    window.fetch = (_u, init) =>
      new Promise((_r, reject) => init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let err: SendError | undefined;
      request('/slow').catch((e) => (err = e));
      await clock.tickAsync(14900);
      expect(err).to.be.undefined;
      await clock.tickAsync(200);
      expect(err!.kind).to.equal('timeout');
    } finally {
      clock.restore();
      window.fetch = fetch;
    }
  });

  it('classifies an HTTP failure by status and body', async () => {
    const res = new Response(JSON.stringify({ code: 'rate', message: 'Slow down', fields: { email: 'bad' } }), {
      status: 429,
      headers: { 'Retry-After': '90' },
    });
    const err = await wpFailure(res);
    expect([err.kind, err.message, err.details.retryAfter, err.details.fields]).to.deep.equal(['too-fast', 'Slow down', 90, { email: 'bad' }]);
    expect((await wpFailure(new Response('<html>bad gateway', { status: 502 }))).kind).to.equal('server');
  });

  it('says a wait in words in both languages', () => {
    expect(duration(45, 'en')).to.equal('45 seconds');
    expect(duration(90, 'en')).to.equal('2 minutes');
    expect(duration(90, 'es')).to.equal('2 minutos');
    expect(duration(7200, 'es')).to.equal('2 horas');
  });
});

describe('http against a test server', () => {
  it('resolves an HTTP error normally and classifies it with its Retry-After', async () => {
    const res = await request('/test-api/echo?status=503&retry-after=30&body=' + encodeURIComponent('{"message":"down"}'));
    expect(res.status).to.equal(503);
    const err = await wpFailure(res);
    expect([err.kind, err.message, err.details.retryAfter]).to.deep.equal(['server', 'down', 30]);
  });
});
