import type { Messages } from '../../core/locale.js';
import { formStrings, type FormStrings } from '../../core/form.js';

const en = {
  heading: 'Send us a message',
  reach: 'Email or phone: give at least one.',
  phone: 'Phone',
  language: 'Preferred language',
  topic: 'Topic',
  message: 'Message',
  required: '(required)',
  disclaimer: 'Contacting us does not create an attorney–client relationship. Do not send confidential details yet.',
  consent: 'I have read this notice',
  send: 'Send',
  sent: 'Thank you. We will respond promptly.',
  badPhone: 'Please enter a valid phone number.',
  noMessage: 'Please write your message.',
  noConsent: 'Check this box to send.',
  mailed: 'Or write to',
};

export const strings: Messages<typeof en & FormStrings> = {
  en: { ...formStrings.en, ...en },
  es: {
    ...formStrings.es,
    heading: 'Envíenos un mensaje',
    reach: 'Correo electrónico o teléfono: dé al menos uno.',
    phone: 'Teléfono',
    language: 'Idioma preferido',
    topic: 'Tema',
    message: 'Mensaje',
    required: '(obligatorio)',
    disclaimer: 'Contactarnos no crea una relación abogado-cliente. No envíe aún datos confidenciales.',
    consent: 'He leído este aviso',
    send: 'Enviar',
    sent: 'Gracias. Responderemos pronto.',
    badPhone: 'Escriba un teléfono válido.',
    noMessage: 'Escriba su mensaje.',
    noConsent: 'Marque esta casilla para enviar.',
    mailed: 'O escriba a',
  },
};
