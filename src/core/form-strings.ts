import type { FailureKind } from './http.js';

/**
 * The words the comment and contact forms share, in English and Spanish: their common fields, the
 * send button's states, "Discard", and each kind of failed send said to a visitor.
 */

const en = {
  name: 'Name',
  email: 'Email',
  sending: 'Sending…',
  retry: 'Try again',
  kept: 'Your text is kept.',
  discard: 'Discard',
  noName: 'Please enter your name.',
  badEmail: 'Please enter a valid email.',
  /** `{t}` is a wait in words. */
  fail: {
    validation: 'Please check the form.',
    duplicate: 'You already sent this.',
    'too-fast': 'Too fast. Please wait {t}.',
    closed: 'This form is closed.',
    'not-allowed': 'The site does not allow this.',
    'not-found': 'Not found on the site.',
    offline: 'You seem to be offline.',
    unreachable: 'Could not reach the site.',
    timeout: 'The site did not answer.',
    server: 'The site had a problem.',
    unreadable: 'The site’s answer was not understood.',
    unexpected: 'This page had a problem.',
  } as Record<FailureKind, string>,
  moment: 'a moment',
};

export type FormStrings = typeof en;

export const formStrings = {
  en,
  es: {
    name: 'Nombre',
    email: 'Correo electrónico',
    sending: 'Enviando…',
    retry: 'Reintentar',
    kept: 'Su texto se guarda.',
    discard: 'Descartar',
    noName: 'Escriba su nombre.',
    badEmail: 'Escriba un correo válido.',
    fail: {
      validation: 'Revise el formulario.',
      duplicate: 'Ya lo envió.',
      'too-fast': 'Demasiado rápido. Espere {t}.',
      closed: 'Este formulario está cerrado.',
      'not-allowed': 'El sitio no lo permite.',
      'not-found': 'No se encontró en el sitio.',
      offline: 'Parece que no tiene conexión.',
      unreachable: 'No se pudo contactar con el sitio.',
      timeout: 'El sitio no respondió.',
      server: 'El sitio tuvo un problema.',
      unreadable: 'No se entendió la respuesta del sitio.',
      unexpected: 'Esta página tuvo un problema.',
    },
    moment: 'un momento',
  } as FormStrings,
};
