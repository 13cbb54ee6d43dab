import type { Phone } from './phone.js';

export interface Contact {
  name?: string;
  /** Parsed for dialing, or as written when it could not be read. */
  phone?: Phone | string;
  fax?: Phone | string;
  email?: string;
  /** The address on one line, used when there are no parts. */
  address?: string;
  /** Street, locality, region, postal code and country. */
  addressParts?: string[];
  url?: string;
}

const esc = (s = '') => s.replace(/[\\,;]/g, '\\$&').replace(/\r?\n/g, '\\n');
const tel = (p: Phone | string) => (typeof p == 'string' ? esc(p) : p.href.slice(4).replace(';ext=', ' x'));

/**
 * The firm as a vCard 3.0 (the version every phone's address book imports), shown as a company:
 * text escaped per RFC 2426, lines ended by CRLF.
 */
export function vcard(c: Contact): string {
  // A one-line address goes in the street.
  const adr = c.addressParts ?? [c.address, '', '', '', ''];
  const lines = [
    'BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;',
    `FN:${esc(c.name || c.email)}`,
    c.name && `ORG:${esc(c.name)}`,
    'X-ABShowAs:COMPANY',
    c.phone && `TEL;TYPE=WORK,VOICE:${tel(c.phone)}`,
    c.fax && `TEL;TYPE=WORK,FAX:${tel(c.fax)}`,
    c.email && `EMAIL;TYPE=INTERNET,WORK:${esc(c.email)}`,
    adr.join('') && `ADR;TYPE=WORK:;;${adr.map(esc).join(';')}`,
    // A URI, not text: commas stay as they are; line breaks could forge properties.
    c.url && `URL:${c.url.replace(/\s/g, '')}`,
    'END:VCARD',
  ];
  return lines.filter(Boolean).join('\r\n') + '\r\n';
}
