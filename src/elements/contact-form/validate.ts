import { isEmail } from '../../core/field.js';

/** What the visitor typed, as the form holds it (a checked `consent` is "on"). */
export type Fields = Partial<Record<'name' | 'email' | 'phone' | 'language' | 'topic' | 'message' | 'consent', string>>;

/**
 * The browser's checks on trimmed fields: field name → whether it breaks its rule, in the order
 * the fields stand (the error summary lists them so). `reach` is the email-or-phone pair: one of
 * the two is enough. The string tables' `says` words each rule by the same names.
 */
/** The fewest digits a phone number has: a local number without its area code. */
const PHONE_MIN_DIGITS = 7;
/** What a phone number may be written with: digits and phone punctuation, after an optional "+". */
const PHONE_CHARACTERS = /^\+?[\d\s().-]*$/;

const isPhone = (phone: string): boolean => PHONE_CHARACTERS.test(phone) && phone.replace(/\D/g, '').length >= PHONE_MIN_DIGITS;

export const check = ({ name, email, phone, message, consent }: Fields): Record<string, unknown> => ({
  name: !name,
  reach: !email && !phone,
  email: email && !isEmail(email),
  phone: phone && !isPhone(phone),
  message: !message,
  consent: !consent,
});
