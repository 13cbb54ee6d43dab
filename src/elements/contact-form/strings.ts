import type { Messages } from '../../core/locale.js';
import { formStrings, type FormStrings } from '../../core/form.js';

const en = {
  heading: 'Send us a message',
  phone: 'Phone',
  language: 'Preferred language',
  topic: 'Topic',
  message: 'Message',
  required: '(required)',
  disclaimer: 'Contacting us does not create an attorney–client relationship. Do not send confidential details yet.',
  consent: 'I have read this notice',
  send: 'Send',
  sent: 'Thank you. We will respond promptly.',
  /** mailto: the visitor says the mail went, and the copy kept in the browser is deleted. */
  mailed: 'I sent the email',
  /** What is wrong, by field (`reach`: the email-or-phone pair, also its legend). */
  says: {
    name: formStrings.en.noName,
    reach: 'Email or phone: give at least one.',
    email: formStrings.en.badEmail,
    phone: 'Please enter a valid phone number.',
    message: 'Please write your message.',
    consent: 'Check this box to send.',
  } as Record<string, string>,
};

export const strings: Messages<typeof en & FormStrings> = {
  en: { ...formStrings.en, ...en },
  es: {
    ...formStrings.es,
    heading: 'Envíenos un mensaje',
    phone: 'Teléfono',
    language: 'Idioma preferido',
    topic: 'Tema',
    message: 'Mensaje',
    required: '(obligatorio)',
    disclaimer: 'Contactarnos no crea una relación abogado-cliente. No envíe aún datos confidenciales.',
    consent: 'He leído este aviso',
    send: 'Enviar',
    sent: 'Gracias. Responderemos pronto.',
    mailed: 'Ya envié el correo',
    says: {
      name: formStrings.es.noName,
      reach: 'Correo electrónico o teléfono: dé al menos uno.',
      email: formStrings.es.badEmail,
      phone: 'Escriba un teléfono válido.',
      message: 'Escriba su mensaje.',
      consent: 'Marque esta casilla para enviar.',
    },
  },
};
