import { expect } from '@open-wc/testing';
import { parsePhone } from '../../../src/elements/contact-card/phone.js';

// [as written, country code, what a phone dials (undefined: not a number)]
const TABLE: [string, string | undefined, string | undefined][] = [
  ['818-788-8900', undefined, 'tel:+18187888900'],
  ['(818) 788-8900', undefined, 'tel:+18187888900'],
  ['818.788.8900', undefined, 'tel:+18187888900'],
  ['818 788 8900', undefined, 'tel:+18187888900'],
  ['1-818-788-8900', undefined, 'tel:+18187888900'],
  ['+1 (818) 788-8900', undefined, 'tel:+18187888900'],
  ['818–788–8900', undefined, 'tel:+18187888900'],
  ['(818) 788-8900 x12', undefined, 'tel:+18187888900;ext=12'],
  ['818-788-8900 ext. 345', undefined, 'tel:+18187888900;ext=345'],
  ['818-788-8900 extension 7', undefined, 'tel:+18187888900;ext=7'],
  ['818-788-8900 #21', undefined, 'tel:+18187888900;ext=21'],
  ['818-788-8900;ext=4', undefined, 'tel:+18187888900;ext=4'],
  ['1-800-FLOWERS', undefined, 'tel:+18003569377'],
  ['1-800-GOT-JUNK', undefined, 'tel:+18004685865'],
  ['(855) LAW-FIRM x3', undefined, 'tel:+18555293476;ext=3'],
  ['+44 20 7946 0958', undefined, 'tel:+442079460958'],
  ['+44 (0)20 7946 0958', undefined, 'tel:+442079460958'],
  ['+52 55 1234 5678', '1', 'tel:+525512345678'],
  ['+34 912 345 678 ext 9', undefined, 'tel:+34912345678;ext=9'],
  ['020 7946 0958', '44', 'tel:+442079460958'],
  ['06 1234 5678', '39', 'tel:+390612345678'],
  ['55 1234 5678', '52', 'tel:+525512345678'],
  ['121 496 0000', '44', 'tel:+441214960000'],
  ['818-788-8900 x 7', undefined, 'tel:+18187888900;ext=7'],
  ['818-788-8900 Ext: 12', undefined, 'tel:+18187888900;ext=12'],
  // "ext" inside a vanity word is letters to dial, not an extension.
  ['1-800-TEXT-123', undefined, 'tel:+18008398123'],
  ['1-855-NEXT-411', undefined, 'tel:+18556398411'],
  ['8900', undefined, undefined],
  ['788-8900', undefined, undefined],
  ['123-456-7890', undefined, undefined],
  ['818-088-8900', undefined, undefined],
  ['1-818-788-8900-5', undefined, undefined],
  ['call us today', undefined, undefined],
  ['n/a', undefined, undefined],
  ['', undefined, undefined],
  ['+123', undefined, undefined],
  ['+1 818 788', undefined, undefined],
  ['818-788-8900 ext abc', undefined, undefined],
  ['800-FLOWERS-NOW', undefined, undefined],
  ['818-788-8900 <script>', undefined, undefined],
];

describe('parsePhone (E.164)', () => {
  for (const [written, cc, href] of TABLE) {
    it(`"${written}"${cc ? ` in +${cc}` : ''} → ${href ?? 'not a number'}`, () => {
      const phone = parsePhone(written, cc);
      expect(phone?.href).to.equal(href);
      if (phone) expect(phone.text).to.equal(written.trim());
    });
  }

  it('keeps the text as written and gives E.164 and the extension apart', () => {
    expect(parsePhone('  (818) 788-8900 x12 ')).to.deep.equal({ text: '(818) 788-8900 x12', href: 'tel:+18187888900;ext=12' });
  });

  it('reads a number without a country code as +1', () => {
    expect(parsePhone('818 788 8900', '')?.href).to.equal('tel:+18187888900');
  });

  it('takes a + number\'s own country code over the given one', () => {
    expect(parsePhone('+1 818 788 8900', '44')?.href).to.equal('tel:+18187888900');
    expect(parsePhone('818 788 8900', '44')?.href).to.equal('tel:+448187888900');
  });
});
