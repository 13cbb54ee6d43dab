import type { Messages } from '../../core/locale.js';
import type { FailureKind } from '../../core/http.js';

export type Field = 'name' | 'email' | 'url' | 'content';

interface Strings {
  comments: string;
  count: { one: string; other: string };
  newest: string;
  loading: string;
  loadFailed: string;
  retry: string;
  more: string;
  empty: string;
  reply: string;
  /** `{name}` is the author answered. */
  replyTo: string;
  cancel: string;
  inReply: string;
  anonymous: string;
  held: string;
  leave: string;
  labels: Record<Field, string>;
  remember: string;
  send: string;
  sending: string;
  need: Record<Field, string>;
  posted: string;
  /** `{t}` is a wait in words. */
  fail: Record<FailureKind, string>;
  kept: string;
  moment: string;
}

export const strings: Messages<Strings> = {
  en: {
    comments: 'Comments',
    count: { one: '{n} Comment', other: '{n} Comments' },
    newest: 'Newest first',
    loading: 'Loading comments…',
    loadFailed: 'The comments could not be loaded.',
    retry: 'Try again',
    more: 'Load more comments',
    empty: 'There are no comments for this post. Be the first to add yours below.',
    reply: 'Reply',
    replyTo: 'Reply to {name}',
    cancel: 'Cancel reply',
    inReply: 'In reply to {name}',
    anonymous: 'Anonymous',
    held: 'Your comment is awaiting moderation.',
    leave: 'Leave a Comment',
    labels: { name: 'Name', email: 'Email (never published)', url: 'Website (optional)', content: 'Comment' },
    remember: 'Remember me in this browser',
    send: 'Post Comment',
    sending: 'Sending…',
    need: {
      name: 'Please enter your name.',
      email: 'Please enter a valid email address.',
      url: 'Please enter a valid web address.',
      content: 'Please write your comment.',
    },
    posted: 'Thank you! Your comment is posted.',
    fail: {
      validation: 'Please check your comment.',
      duplicate: 'You have already posted this comment.',
      'too-fast': 'You are commenting too quickly. Please wait {t}.',
      closed: 'Comments are closed for this post.',
      'not-allowed': 'This site does not take comments from visitors.',
      'not-found': 'This post was not found.',
      offline: 'You seem to be offline.',
      timeout: 'The site took too long to answer.',
      server: 'The site had a problem.',
    },
    kept: 'Your comment is kept here.',
    moment: 'a moment',
  },
  es: {
    comments: 'Comentarios',
    count: { one: '{n} comentario', other: '{n} comentarios' },
    newest: 'Más recientes primero',
    loading: 'Cargando comentarios…',
    loadFailed: 'No se pudieron cargar los comentarios.',
    retry: 'Reintentar',
    more: 'Cargar más comentarios',
    empty: 'No hay comentarios en esta entrada. Sea el primero en dejar el suyo abajo.',
    reply: 'Responder',
    replyTo: 'Responder a {name}',
    cancel: 'Cancelar respuesta',
    inReply: 'En respuesta a {name}',
    anonymous: 'Anónimo',
    held: 'Su comentario está pendiente de moderación.',
    leave: 'Deje un comentario',
    labels: { name: 'Nombre', email: 'Correo electrónico (nunca se publica)', url: 'Sitio web (opcional)', content: 'Comentario' },
    remember: 'Recordarme en este navegador',
    send: 'Publicar comentario',
    sending: 'Enviando…',
    need: {
      name: 'Escriba su nombre.',
      email: 'Escriba un correo electrónico válido.',
      url: 'Escriba una dirección web válida.',
      content: 'Escriba su comentario.',
    },
    posted: '¡Gracias! Su comentario está publicado.',
    fail: {
      validation: 'Revise su comentario.',
      duplicate: 'Ya publicó este comentario.',
      'too-fast': 'Está comentando demasiado rápido. Espere {t}.',
      closed: 'Los comentarios de esta entrada están cerrados.',
      'not-allowed': 'Este sitio no acepta comentarios de visitantes.',
      'not-found': 'No se encontró esta entrada.',
      offline: 'Parece que no tiene conexión.',
      timeout: 'El sitio tardó demasiado en responder.',
      server: 'El sitio tuvo un problema.',
    },
    kept: 'Su comentario se guarda aquí.',
    moment: 'un momento',
  },
};
