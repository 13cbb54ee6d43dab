/** What the visitor typed, as the form holds it (a checked `consent` is "on"). */
export type Fields = Partial<Record<'name' | 'email' | 'phone' | 'language' | 'topic' | 'message' | 'consent', string>>;

/** The rule a field broke, named by its message's key in strings.ts. */
export type Problem = 'noName' | 'reach' | 'badEmail' | 'badPhone' | 'noMessage' | 'noConsent';

export const isEmail = (s: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(s);

/**
 * The browser's checks on trimmed fields, as field name → message from `t`, in the order the
 * fields stand (the error summary lists them so). `reach` is the email-or-phone pair: one of
 * the two is enough.
 */
export function check({ name, email, phone, message, consent }: Fields, t: Record<Problem, string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (!name) out.name = t.noName;
  if (!email && !phone) out.reach = t.reach;
  if (email && !isEmail(email)) out.email = t.badEmail;
  if (phone && !(/^\+?[\d\s().-]+$/.test(phone) && phone.replace(/\D/g, '').length > 6)) out.phone = t.badPhone;
  if (!message) out.message = t.noMessage;
  if (!consent) out.consent = t.noConsent;
  return out;
}
