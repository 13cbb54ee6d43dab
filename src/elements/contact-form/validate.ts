import { isEmail } from '../../core/form.js';

/** What the visitor typed, as the form holds it (a checked `consent` is "on"). */
export type Fields = Partial<Record<'name' | 'email' | 'phone' | 'language' | 'topic' | 'message' | 'consent', string>>;

/**
 * The browser's checks on trimmed fields: field name → whether it breaks its rule, in the order
 * the fields stand (the error summary lists them so). `reach` is the email-or-phone pair: one of
 * the two is enough. The string tables' `says` words each rule by the same names.
 */
export const check = ({ name, email, phone, message, consent }: Fields): Record<string, unknown> => ({
  name: !name,
  reach: !email && !phone,
  email: email && !isEmail(email),
  // Seven digits or more, and nothing but phone punctuation.
  phone: phone && !/^\+?([\s().-]*\d){7}[\d\s().-]*$/.test(phone),
  message: !message,
  consent: !consent,
});
