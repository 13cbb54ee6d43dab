/** What the visitor typed, as the draft keeps it. */
export interface Fields {
  name: string;
  email: string;
  phone: string;
  language: string;
  topic: string;
  message: string;
  consent: boolean;
}

/** The rule a field broke, named by its message's key in strings.ts. */
export type Problem = 'noName' | 'noReach' | 'badEmail' | 'badPhone' | 'noMessage' | 'noConsent';

export const isEmail = (s: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(s);

/**
 * The browser's checks, in the order the fields stand (the error summary lists them so).
 * `reach` is the email-or-phone pair: one of the two is enough.
 */
export function check(f: Fields): Record<string, Problem> {
  const out: Record<string, Problem> = {};
  const email = f.email.trim();
  const phone = f.phone.trim();
  if (!f.name.trim()) out.name = 'noName';
  if (!email && !phone) out.reach = 'noReach';
  if (email && !isEmail(email)) out.email = 'badEmail';
  if (phone && !(/^\+?[\d\s().-]+$/.test(phone) && phone.replace(/\D/g, '').length >= 7)) out.phone = 'badPhone';
  if (!f.message.trim()) out.message = 'noMessage';
  if (!f.consent) out.consent = 'noConsent';
  return out;
}
