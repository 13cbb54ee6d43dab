/**
 * What the server says to visitors, in English and Spanish: the forms show a field's message
 * under the field as it comes. The language is the visitor's browser's (Accept-Language).
 */
const en = {
  name: 'Please enter your name.',
  email: 'Please enter a valid email address.',
  emailOrPhone: 'Please give an email address or a phone number.',
  phone: 'Please enter a valid phone number.',
  url: 'Please enter a web address starting with http:// or https://.',
  content: 'Please write a comment.',
  message: 'Please write a message.',
  consent: 'Please accept the notice to send your message.',
  parent: 'The comment you are answering is not here.',
  tooLong: 'This is too long.',
  wrong: 'This is not valid.',
  invalid: 'Some fields need fixing.',
  duplicate: 'You already said that.',
  closed: 'Comments are closed.',
  tooFast: 'Too many posts. Please wait and try again.',
  dailyCap: 'This site takes no more posts today. Please try again tomorrow.',
  origin: 'This page may not use this server.',
  unknownSite: 'No such site on this server.',
  notFound: 'Nothing here.',
  tooLarge: 'What was sent is too large.',
  badJson: 'What was sent is not valid JSON.',
  unsupported: 'Send JSON or a url-encoded form.',
  internal: 'The server had a problem. Please try again.',
};

const es: typeof en = {
  name: 'Escriba su nombre.',
  email: 'Escriba una dirección de correo válida.',
  emailOrPhone: 'Indique un correo electrónico o un teléfono.',
  phone: 'Escriba un número de teléfono válido.',
  url: 'Escriba una dirección web que empiece por http:// o https://.',
  content: 'Escriba un comentario.',
  message: 'Escriba un mensaje.',
  consent: 'Acepte el aviso para enviar su mensaje.',
  parent: 'El comentario al que responde no está aquí.',
  tooLong: 'Es demasiado largo.',
  wrong: 'No es válido.',
  invalid: 'Hay campos que corregir.',
  duplicate: 'Ya dijo eso.',
  closed: 'Los comentarios están cerrados.',
  tooFast: 'Demasiados envíos. Espere y vuelva a intentarlo.',
  dailyCap: 'Este sitio no acepta más envíos hoy. Vuelva a intentarlo mañana.',
  origin: 'Esta página no puede usar este servidor.',
  unknownSite: 'Este servidor no tiene ese sitio.',
  notFound: 'Aquí no hay nada.',
  tooLarge: 'Lo enviado es demasiado grande.',
  badJson: 'Lo enviado no es JSON válido.',
  unsupported: 'Envíe JSON o un formulario codificado como URL.',
  internal: 'El servidor tuvo un problema. Vuelva a intentarlo.',
};

export type Texts = typeof en;

/** The table for a request: Spanish when the visitor's first language is Spanish. */
export function textsFor(acceptLanguage: string | undefined): Texts {
  const first = (acceptLanguage ?? '').split(',')[0].trim().toLowerCase();
  return first.startsWith('es') ? es : en;
}
