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
/** The letters on a phone's keys 2 to 9, for vanity numbers such as 1-800-FLOWERS. */
const KEYPAD = ['abc', 'def', 'ghi', 'jkl', 'mno', 'pqrs', 'tuv', 'wxyz'];
const FIRST_LETTER_KEY = 2;
/** North America's country code: the default, and the one whose numbers have a fixed shape. */
const NORTH_AMERICA = '1';
/** Italy keeps its leading 0 after the country code (+39 06 …); other countries drop it. */
const ITALY = '39';

/** "F" → "3", as on a phone's keypad. */
const keyOf = (letter: string) => String(FIRST_LETTER_KEY + KEYPAD.findIndex((letters) => letters.includes(letter.toLowerCase())));

/**
 * Reads a phone number for dialing: national numbers take `countryCode` (1 by default, where
 * the North American plan's area code and exchange must not start with 0 or 1); `+` numbers
 * carry their own; vanity letters become keypad digits. Undefined when it is not a number.
 */
export function parsePhone(text: string | undefined, countryCode = NORTH_AMERICA): Phone | undefined {
  const written = text?.trim();
  const ext = written && EXT.exec(written);
  const number = written?.slice(0, ext ? ext.index : undefined).replace('(0)', '');
  if (!number || !SHAPE.test(number)) return undefined;
  let digits = number.replace(/[a-z]/gi, keyOf).replace(/\D/g, '');
  if (!number.startsWith('+')) {
    const cc = countryCode || NORTH_AMERICA;
    // Without the trunk prefix: "1-818-…" in North America, "020 …" in the UK (Italy keeps its 0).
    const trunk = cc == NORTH_AMERICA ? /^1/ : /^0/;
    digits = cc + (cc == ITALY ? digits : digits.replace(trunk, ''));
  }
  // E.164: up to 15 digits; in North America exactly 10 after the 1, where the area code and the
  // exchange do not start with 0 or 1.
  const e164 = digits.startsWith(NORTH_AMERICA) ? /^1[2-9]\d\d[2-9]\d{6}$/ : /^[1-9]\d{7,14}$/;
  if (!e164.test(digits)) return undefined;
  return { text: written!, href: `tel:+${digits}${ext ? `;ext=${ext[1]}` : ''}` };
}
