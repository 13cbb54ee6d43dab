import type { Phone } from './phone.js';

export interface Contact {
  name?: string;
  /** Parsed for dialing, or as written when it could not be read. */
  phone?: Phone | string;
  fax?: string;
  email?: string;
  /** The address on one line. */
  address?: string;
  url?: string;
}

// Text escaped per RFC 2426. No line break is left in a value: none can start a property of its own.
const esc = (s = '') => s.replace(/[\\,;]/g, '\\$&').replace(/\r?\n/g, '\\n');

/** The firm as a vCard 3.0 (the version every phone's address book imports), lines ended by CRLF. */
export function vcard(c: Contact): string {
  const { name, phone, fax, email, address, url } = c;
  return [
    'BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:' + esc(name || email),
    name && 'ORG:' + esc(name),
    // Dialable: "+18187888900 x12".
    phone && 'TEL;TYPE=VOICE:' + (typeof phone == 'string' ? esc(phone) : phone.href.replace('tel:', '').replace(';ext=', ' x')),
    fax && 'TEL;TYPE=FAX:' + esc(fax),
    email && 'EMAIL:' + esc(email),
    // The whole address in the street, as written on the card: address books show it as it is.
    address && 'ADR:;;' + esc(address) + ';;;;',
    // A URI, not text: commas stay as they are; line breaks could forge properties.
    url && 'URL:' + url.replace(/\s/g, ''),
    'END:VCARD\r\n',
  ]
    .filter(Boolean)
    .join('\r\n');
}
