/** A phone number as the webmaster wrote it, and what a phone dials for it. */
export interface Phone {
  /** As written: "(818) 788-8900 x12". Shown to visitors unchanged. */
  text: string;
  /** RFC 3966, E.164 with the extension apart: "tel:+18187888900;ext=12". */
  href: string;
}

// "x12", "ext. 12", "Ext: 12", "extension 12", "#12", ";ext=12" at the end (the text is trimmed);
// "ext" must start a word, or vanity numbers such as 1-800-TEXT-123 would lose their last digits.
const EXT = /\s*(?:;?\bext(?:ension|n)?[.:=]?\s*|[x#]\s*)(\d+)$/i;
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
  if (number[0] != '+') {
    const cc = countryCode || '1';
    // Without the trunk prefix: "1-818-…" in North America, "020 …" in the UK (Italy keeps its 0).
    digits = cc + (cc == '39' ? digits : digits.replace(cc == '1' ? /^1/ : /^0/, ''));
  }
  // E.164: up to 15 digits; in North America exactly 10 after the 1.
  if (!(digits[0] == '1' ? /^1[2-9]\d\d[2-9]\d{6}$/ : /^[1-9]\d{7,14}$/).test(digits)) return undefined;
  return { text: written!, href: `tel:+${digits}${ext ? `;ext=${ext[1]}` : ''}` };
}
