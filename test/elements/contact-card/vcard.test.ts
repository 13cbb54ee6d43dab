import { expect } from '@open-wc/testing';
import { parsePhone } from '../../../src/elements/contact-card/phone.js';
import { vcard } from '../../../src/elements/contact-card/vcard.js';

describe('vcard', () => {
  it("writes the firm's card with voice and fax numbers, email, address and URL, CRLF-ended", () => {
    const text = vcard({
      name: 'Reyes & Cho; Immigration, Law',
      phone: parsePhone('(818) 788-8900 x12'),
      fax: '818-788-5900',
      email: 'office@reyescho.example',
      address: '15233 Ventura Blvd, Suite 410, Sherman Oaks, CA 91403',
      url: 'https://reyescho.example/?a=1,2',
    });
    expect(text).to.equal(
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'N:;;;;',
        'FN:Reyes & Cho\\; Immigration\\, Law',
        'ORG:Reyes & Cho\\; Immigration\\, Law',
        'TEL;TYPE=VOICE:+18187888900 x12',
        'TEL;TYPE=FAX:818-788-5900',
        'EMAIL:office@reyescho.example',
        'ADR:;;15233 Ventura Blvd\\, Suite 410\\, Sherman Oaks\\, CA 91403;;;;',
        'URL:https://reyescho.example/?a=1,2',
        'END:VCARD',
        '',
      ].join('\r\n'),
    );
  });

  it('escapes backslashes and line breaks, puts the address in the street and keeps an unreadable number as text', () => {
    const text = vcard({ name: 'A\\B\nC', phone: 'BR-549, ask', address: '1 Main St, Springfield' });
    expect(text.split('\r\n')).to.deep.equal([
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:;;;;',
      'FN:A\\\\B\\nC',
      'ORG:A\\\\B\\nC',
      'TEL;TYPE=VOICE:BR-549\\, ask',
      'ADR:;;1 Main St\\, Springfield;;;;',
      'END:VCARD',
      '',
    ]);
  });

  it('names the card by its email when there is no name, and never lets a URL add a line', () => {
    const text = vcard({ email: 'a@b.example', url: 'https://x.example/\r\nNOTE:forged' });
    expect(text).to.contain('FN:a@b.example\r\n').and.contain('URL:https://x.example/NOTE:forged\r\n');
    expect(text).not.to.contain('ORG:');
    expect(text).not.to.match(/\r\nNOTE/);
  });
});
