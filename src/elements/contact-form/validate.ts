import { isEmail } from '../../core/form.js';

/** What the visitor typed, as the form holds it (a checked `consent` is "on"). */
export type Fields = Partial<Record<'name' | 'email' | 'phone' | 'language' | 'topic' | 'message' | 'consent', string>>;

/** The rule a field broke, named by its message's key in the string tables. */
export type Problem = 'noName' | 'reach' | 'badEmail' | 'badPhone' | 'noMessage' | 'noConsent';

/**
 * The browser's checks on trimmed fields, as field name → message from `t` (false when the field
 * is good), in the order the fields stand (the error summary lists them so). `reach` is the
 * email-or-phone pair: one of the two is enough.
 */
export const check = ({ name, email, phone, message, consent }: Fields, t: Record<Problem, string>): Record<string, string | false> => ({
  name: !name && t.noName,
  reach: !email && !phone && t.reach,
  email: !!email && !isEmail(email) && t.badEmail,
  phone: !!phone && !(/^\+?[\d\s().-]+$/.test(phone) && phone.replace(/\D/g, '').length > 6) && t.badPhone,
  message: !message && t.noMessage,
  consent: !consent && t.noConsent,
});
