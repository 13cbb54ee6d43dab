import { expect } from '@open-wc/testing';
import { check, isEmail, type Fields } from '../../../src/elements/contact-form/validate.js';

const good: Fields = { name: 'Ana Reyes', email: 'ana@example.com', phone: '', language: 'es', topic: '', message: 'Hola', consent: true };

describe('contact-form/validate', () => {
  it('accepts a complete message', () => {
    expect(check(good)).to.deep.equal({});
  });

  it('needs a name, a message and consent; blanks do not count', () => {
    expect(check({ ...good, name: '  ', message: '\n ', consent: false })).to.deep.equal({ name: 'noName', message: 'noMessage', consent: 'noConsent' });
  });

  it('needs an email or a phone, either one alone being enough', () => {
    expect(check({ ...good, email: ' ', phone: '' })).to.deep.equal({ reach: 'noReach' });
    expect(check({ ...good, email: '', phone: '(818) 788-8900' })).to.deep.equal({});
    expect(check({ ...good, email: 'ana@example.com', phone: '' })).to.deep.equal({});
  });

  it('checks the email address form', () => {
    for (const bad of ['ana', 'ana@', 'ana@example', 'ana @example.com', 'ana@example.', '@example.com']) {
      expect(isEmail(bad), bad).to.be.false;
      expect(check({ ...good, email: bad }), bad).to.deep.equal({ email: 'badEmail' });
    }
    for (const ok of ['ana@example.com', 'a.b+c@sub.example.co', 'josé@ejemplo.mx']) expect(isEmail(ok), ok).to.be.true;
  });

  it('checks the phone number: 7 or more digits and only phone punctuation', () => {
    for (const bad of ['12345', 'call me', '818-788-89OO', '555 12']) expect(check({ ...good, phone: bad }), bad).to.deep.equal({ phone: 'badPhone' });
    for (const ok of ['7888900', '+1 818 788 8900', '(818) 788-8900', '818.788.8900']) expect(check({ ...good, phone: ok }), ok).to.deep.equal({});
  });

  it('lists problems in the order the fields stand', () => {
    const all = check({ name: '', email: '', phone: '', language: '', topic: '', message: '', consent: false });
    expect(Object.keys(all)).to.deep.equal(['name', 'reach', 'message', 'consent']);
  });
});
