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
    loadFailed: 'Could not load the comments.',
    retry: 'Try again',
    more: 'Load more comments',
    empty: 'There are no comments for this post. Be the first to add yours below.',
    reply: 'Reply',
    replyTo: 'Reply to {name}',
    cancel: 'Cancel',
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
      email: 'Please enter a valid email.',
      url: 'Please enter a valid website.',
      content: 'Please write your comment.',
    },
    posted: 'Thank you! Comment posted.',
    fail: {
      validation: 'Please check your comment.',
      duplicate: 'You already posted this comment.',
      'too-fast': 'Too fast. Please wait {t}.',
      closed: 'Comments are closed.',
      'not-allowed': 'This site takes no comments from visitors.',
      'not-found': 'Post not found.',
      offline: 'You seem to be offline.',
      timeout: 'The site did not answer.',
      server: 'The site had a problem.',
    },
    kept: 'Your text is kept.',
    moment: 'a moment',
  },
  es: {
    comments: 'Comentarios',
    count: { one: '{n} comentario', other: '{n} comentarios' },
    newest: 'Más recientes primero',
    loading: 'Cargando comentarios…',
    loadFailed: 'No se cargaron los comentarios.',
    retry: 'Reintentar',
    more: 'Cargar más comentarios',
    empty: 'No hay comentarios en esta entrada. Sea el primero en dejar el suyo abajo.',
    reply: 'Responder',
    replyTo: 'Responder a {name}',
    cancel: 'Cancelar',
    inReply: 'En respuesta a {name}',
    anonymous: 'Anónimo',
    held: 'Su comentario está pendiente de moderación.',
    leave: 'Deje un comentario',
    labels: { name: 'Nombre', email: 'Correo (nunca se publica)', url: 'Sitio web (opcional)', content: 'Comentario' },
    remember: 'Recordarme en este navegador',
    send: 'Publicar comentario',
    sending: 'Enviando…',
    need: {
      name: 'Escriba su nombre.',
      email: 'Escriba un correo válido.',
      url: 'Escriba un sitio web válido.',
      content: 'Escriba su comentario.',
    },
    posted: '¡Gracias! Comentario publicado.',
    fail: {
      validation: 'Revise su comentario.',
      duplicate: 'Ya publicó este comentario.',
      'too-fast': 'Demasiado rápido. Espere {t}.',
      closed: 'Los comentarios están cerrados.',
      'not-allowed': 'Este sitio no acepta comentarios de visitantes.',
      'not-found': 'Entrada no encontrada.',
      offline: 'Parece que no tiene conexión.',
      timeout: 'El sitio no respondió.',
      server: 'El sitio tuvo un problema.',
    },
    kept: 'Su texto se guarda.',
    moment: 'un momento',
  },
};
