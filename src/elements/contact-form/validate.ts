import { isEmail } from '../../core/form.js';

/** What the visitor typed, as the form holds it (a checked `consent` is "on"). */
export type Fields = Partial<Record<'name' | 'email' | 'phone' | 'language' | 'topic' | 'message' | 'consent', string>>;

/**
 * The words for each rule a field can break, by field name (`reach` is the email-or-phone pair),
 * as keys of the string tables. A field the server refuses is said with the same words, in the
 * visitor's language.
 */
export const SAYS: Record<string, 'noName' | 'reach' | 'badEmail' | 'badPhone' | 'noMessage' | 'noConsent'> = {
  name: 'noName',
  reach: 'reach',
  email: 'badEmail',
  phone: 'badPhone',
  message: 'noMessage',
  consent: 'noConsent',
};

/**
 * The browser's checks on trimmed fields: field name → whether it breaks its rule, in the order
 * the fields stand (the error summary lists them so). One of email and phone is enough.
 */
export const check = ({ name, email, phone, message, consent }: Fields): Record<string, boolean> => ({
  name: !name,
  reach: !email && !phone,
  email: !!email && !isEmail(email),
  // Seven digits or more, and nothing but phone punctuation.
  phone: !!phone && !/^\+?([\s().-]*\d){7}[\d\s().-]*$/.test(phone),
  message: !message,
  consent: !consent,
});
