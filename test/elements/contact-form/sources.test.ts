import { expect } from '@open-wc/testing';
import { mailtoUrl, post, type Outgoing } from '../../../src/elements/contact-form/sources.js';
import { SendError } from '../../../src/core/http.js';

const message: Outgoing = {
  name: 'Ana Reyes',
  email: 'ana@example.com',
  phone: '',
  language: 'es',
  topic: 'Family visas',
  message: 'Línea 1\nLínea 2 & más',
  consent: true,
  page: 'https://example.com/contact/',
  key: '1795830000000',
  firm_hp: '',
  firm_elapsed: 4200,
};

const records = async () => (await (await fetch('/test-api/contact/log')).json()) as { path: string; route?: string; type: string; body: string }[];

describe('contact-form/sources', () => {
  beforeEach(records);

  it('rest posts the message as JSON', async () => {
    await post('rest', '/test-api/contact/ok', message);
    const [r] = await records();
    expect(r.type).to.equal('application/json');
    expect(JSON.parse(r.body)).to.deep.equal(message);
  });

  it('rest with the form encoding posts the same fields url-encoded, every value a string', async () => {
    await post('rest', '/test-api/contact/ok', message, true);
    const [r] = await records();
    expect(r.type).to.match(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(r.body))).to.deep.equal({ ...message, consent: 'true', firm_elapsed: '4200' });
  });

  it('wordpress posts to the plugin route under the site\'s REST root (?rest_route=)', async () => {
    await post('wordpress', '/test-api/contact/ok/site', message);
    const [r] = await records();
    expect([r.path, r.route]).to.deep.equal(['/test-api/contact/ok/site/', '/firm-widgets/v1/messages']);
    expect(JSON.parse(r.body)).to.deep.equal(message);
  });

  it('rejects with the failure kind, field errors and wait the server gave', async () => {
    const fail = (mode: string) => post('rest', `/test-api/contact/${mode}`, message).then(() => undefined, (e: SendError) => e);
    const invalid = (await fail('invalid'))!;
    expect([invalid.kind, invalid.details.fields]).to.deep.equal(['validation', { email: 'This address cannot receive mail.' }]);
    const rate = (await fail('rate'))!;
    expect([rate.kind, rate.details.retryAfter, rate.details.code]).to.deep.equal(['too-fast', 120, 'firm_rate_limited']);
    expect((await fail('server'))!.kind).to.equal('server');
    expect((await fail('refused'))!.kind).to.equal('not-allowed');
    expect((await fail('html'))!.kind).to.equal('server');
  });

  it('composes a mailto: link with subject and CRLF line breaks', () => {
    const url = mailtoUrl('office@firm.test', 'Message from Ana', ['Hola & adiós?', '', 'Name: Ana']);
    expect(url).to.equal('mailto:office@firm.test?subject=Message%20from%20Ana&body=Hola%20%26%20adi%C3%B3s%3F%0D%0A%0D%0AName%3A%20Ana');
    // An address cannot smuggle in its own subject or recipients.
    expect(mailtoUrl('a@b.test?cc=x@y.test', 's', [])).to.match(/^mailto:a@b\.test%3Fcc%3Dx%40y\.test\?subject=s&body=$/);
  });
});
