import type { Phone } from './phone.js';

export interface Contact {
  name?: string;
  /** Parsed for dialing, or as written when it could not be read. */
  phone?: Phone | string;
  fax?: string;
  email?: string;
  /** The address on one line, used when there are no parts. */
  address?: string;
  /** Street, locality, region, postal code and country. */
  addressParts?: string[];
  url?: string;
}

// Text escaped per RFC 2426. No line break is left in a value: none can start a property of its own.
const esc = (s = '') => s.replace(/[\\,;]/g, '\\$&').replace(/\r?\n/g, '\\n');

/** The firm as a vCard 3.0 (the version every phone's address book imports), lines ended by CRLF. */
export function vcard(c: Contact): string {
  const { name, phone, email, url } = c;
  // A one-line address goes in the street.
  const adr = c.addressParts ?? [c.address, '', '', '', ''];
  return [
    'BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:' + esc(name || email),
    name && 'ORG:' + esc(name),
    // Dialable: "+18187888900 x12".
    phone && 'TEL;TYPE=VOICE:' + (typeof phone == 'string' ? esc(phone) : phone.href.slice(4).replace(';ext=', ' x')),
    c.fax && 'TEL;TYPE=FAX:' + esc(c.fax),
    email && 'EMAIL:' + esc(email),
    adr.join('') && 'ADR:;;' + adr.map(esc).join(';'),
    // A URI, not text: commas stay as they are; line breaks could forge properties.
    url && 'URL:' + url.replace(/\s/g, ''),
    'END:VCARD\r\n',
  ]
    .filter(Boolean)
    .join('\r\n');
}
