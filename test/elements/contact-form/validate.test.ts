import { expect } from '@open-wc/testing';
import { check, type Fields } from '../../../src/elements/contact-form/validate.js';
import { isEmail } from '../../../src/core/field.js';

const good: Fields = { name: 'Ana Reyes', email: 'ana@example.com', phone: '', language: 'es', topic: '', message: 'Hola', consent: 'on' };
/** The rules broken (`reach`: neither email nor phone), each true: the fields that pass are left out. */
const problems = (f: Fields) => Object.fromEntries(Object.entries(check(f)).filter((e) => e[1]));

describe('contact-form/validate', () => {
  it('accepts a complete message', () => {
    expect(problems(good)).to.deep.equal({});
  });

  it('needs a name, a message and consent', () => {
    expect(problems({ ...good, name: '', message: '', consent: undefined })).to.deep.equal({ name: true, message: true, consent: true });
  });

  it('needs an email or a phone, either one alone being enough', () => {
    expect(problems({ ...good, email: '', phone: '' })).to.deep.equal({ reach: true });
    expect(problems({ ...good, email: '', phone: '(818) 788-8900' })).to.deep.equal({});
    expect(problems({ ...good, email: 'ana@example.com', phone: '' })).to.deep.equal({});
  });

  it('checks the email address form', () => {
    for (const bad of ['ana', 'ana@', 'ana@example', 'ana @example.com', 'ana@example.', '@example.com']) {
      expect(isEmail(bad), bad).to.be.false;
      expect(problems({ ...good, email: bad }), bad).to.deep.equal({ email: true });
    }
    for (const ok of ['ana@example.com', 'a.b+c@sub.example.co', 'josé@ejemplo.mx']) expect(isEmail(ok), ok).to.be.true;
  });

  it('checks the phone number: 7 or more digits and only phone punctuation', () => {
    for (const bad of ['12345', 'call me', '818-788-89OO', '555 12']) expect(problems({ ...good, phone: bad }), bad).to.deep.equal({ phone: true });
    for (const ok of ['7888900', '+1 818 788 8900', '(818) 788-8900', '818.788.8900']) expect(problems({ ...good, phone: ok }), ok).to.deep.equal({});
  });

  it('lists problems in the order the fields stand', () => {
    const all = problems({ name: '', email: '', phone: '', language: '', topic: '', message: '' });
    expect(Object.keys(all)).to.deep.equal(['name', 'reach', 'message', 'consent']);
  });
});
