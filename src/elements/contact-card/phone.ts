/** A phone number as the webmaster wrote it, and what a phone dials for it. */
export interface Phone {
  /** As written: "(818) 788-8900 x12". Shown to visitors unchanged. */
  text: string;
  /** RFC 3966, E.164 with the extension apart: "tel:+18187888900;ext=12". */
  href: string;
}

// "x12", "ext. 12", "extension 12", "#12", ";ext=12" at the end.
const EXT = /\s*(?:;?ext(?:ension)?[.=]?|[x#])\s*(\d+)\s*$/i;
// A digit before any letter, so words ("call us") are never read as a vanity number.
const SHAPE = /^\+?[\s().\-/\u2010-\u2015]*\d[\s().\-/\u2010-\u2015\da-z]*$/i;

/**
 * Reads a phone number for dialing: national numbers take `countryCode` (1 by default, where
 * the North American plan's area code and exchange must not start with 0 or 1); `+` numbers
 * carry their own; vanity letters become keypad digits. Undefined when it is not a number.
 */
export function parsePhone(text: string | undefined, countryCode = '1'): Phone | undefined {
  const written = text?.trim();
  const ext = written && EXT.exec(written);
  const number = written?.slice(0, ext ? ext.index : undefined).replace('(0)', '');
  if (!number || !SHAPE.test(number)) return undefined;
  // Letters as on a keypad: a–c is 2, … w–z is 9.
  let digits = number.replace(/[a-z]/gi, (l) => '22233344455566677778889999'[(l.charCodeAt(0) | 32) - 97]).replace(/\D/g, '');
  const cc = number[0] == '+' ? (digits[0] == '1' ? '1' : '') : countryCode || '1';
  if (cc == '1') digits = digits.replace(/^1(?=\d{10}$)/, '');
  // Trunk prefix: "020 7946 0958" is dialed "+44 20 7946 0958" (Italy keeps its 0).
  else if (cc && cc != '39') digits = digits.replace(/^0/, '');
  if (cc == '1' ? !/^[2-9]\d\d[2-9]\d{6}$/.test(digits) : digits.length < 6 || !/^[1-9]\d{7,14}$/.test(cc + digits)) return undefined;
  return { text: written!, href: `tel:+${cc}${digits}${ext ? `;ext=${ext[1]}` : ''}` };
}
