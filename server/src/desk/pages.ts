/**
 * The pages a mail link opens (no script: a form whose button POSTs), in English or Spanish
 * after the browser's language. Everything shown is escaped: a comment's words are text.
 */
type Action = 'approve' | 'spam' | 'delete' | 'password' | 'subscribe' | 'unsubscribe';

const en = {
  lang: 'en',
  title: 'firm-widgets-server',
  confirm: {
    approve: 'Approve this comment?',
    spam: 'Mark this comment as spam?',
    delete: 'Delete this comment?',
    password: 'Choose your password',
    subscribe: 'Email you when someone replies to your comment?',
    unsubscribe: 'Stop the mails about replies?',
  } as Record<Action, string>,
  button: {
    approve: 'Approve',
    spam: 'Mark as spam',
    delete: 'Delete',
    password: 'Save password',
    subscribe: 'Yes, email me',
    unsubscribe: 'Stop the mails',
  } as Record<Action, string>,
  done: {
    approve: 'Approved. The comment is listed now.',
    spam: 'Marked as spam.',
    delete: 'Deleted.',
    password: 'Your password is saved. You can sign in now.',
    subscribe: 'Confirmed: you will get a mail when someone replies.',
    unsubscribe: 'Done: no more mails about replies.',
  } as Record<Action, string>,
  already: 'Nothing to do: someone already did it from the desk.',
  gone: {
    used: 'This link was already used.',
    expired: 'This link has expired.',
    invalid: 'This link is not valid.',
    revoked: 'This link no longer works: the address it was sent to no longer moderates this site.',
  },
  wrote: (author: string, thread: string) => `${author} wrote on ${thread}:`,
  site: 'Site',
  password: 'New password (at least 12 characters)',
  again: 'The same password again',
  passwordRule: 'The two passwords must be the same, at least 12 characters.',
  desk: 'Open the desk',
};

const es: typeof en = {
  lang: 'es',
  title: 'firm-widgets-server',
  confirm: {
    approve: '¿Aprobar este comentario?',
    spam: '¿Marcar este comentario como spam?',
    delete: '¿Eliminar este comentario?',
    password: 'Elija su contraseña',
    subscribe: '¿Avisarle por correo cuando alguien responda a su comentario?',
    unsubscribe: '¿Dejar de recibir correos sobre respuestas?',
  },
  button: {
    approve: 'Aprobar',
    spam: 'Marcar como spam',
    delete: 'Eliminar',
    password: 'Guardar contraseña',
    subscribe: 'Sí, avísenme',
    unsubscribe: 'Dejar de recibirlos',
  },
  done: {
    approve: 'Aprobado. El comentario ya se muestra.',
    spam: 'Marcado como spam.',
    delete: 'Eliminado.',
    password: 'Su contraseña está guardada. Ya puede entrar.',
    subscribe: 'Confirmado: recibirá un correo cuando alguien responda.',
    unsubscribe: 'Hecho: no recibirá más correos sobre respuestas.',
  },
  already: 'No hay nada que hacer: alguien ya lo hizo desde el escritorio.',
  gone: {
    used: 'Este enlace ya se usó.',
    expired: 'Este enlace ha caducado.',
    invalid: 'Este enlace no es válido.',
    revoked: 'Este enlace ya no sirve: la dirección a la que se envió ya no modera este sitio.',
  },
  wrote: (author: string, thread: string) => `${author} escribió en ${thread}:`,
  site: 'Sitio',
  password: 'Contraseña nueva (al menos 12 caracteres)',
  again: 'La misma contraseña otra vez',
  passwordRule: 'Las dos contraseñas deben coincidir y tener al menos 12 caracteres.',
  desk: 'Abrir el escritorio',
};

export type PageTexts = typeof en;

export function pageTexts(acceptLanguage: string | undefined): PageTexts {
  const first = (acceptLanguage ?? '').split(',')[0].trim().toLowerCase();
  return first.startsWith('es') ? es : en;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

export type LinkPage =
  | { kind: 'confirm'; action: Action; about: { author: string; content: string; thread: string; status: string }; site: string; error?: string }
  | { kind: 'done'; action: Action; already?: boolean }
  | { kind: 'gone'; why: 'used' | 'expired' | 'invalid' | 'revoked' };

function page(t: PageTexts, heading: string, body: string): string {
  return `<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)} · ${t.title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/admin/page.css">
</head>
<body>
<main>
<h1>${escapeHtml(heading)}</h1>
${body}
</main>
</body>
</html>
`;
}

export function linkPage(t: PageTexts, p: LinkPage): string {
  if (p.kind == 'gone') return page(t, t.gone[p.why], `<p><a href="/admin/">${t.desk}</a></p>`);
  if (p.kind == 'done') {
    const said = p.already ? t.already : t.done[p.action];
    return page(t, said, `<p role="status">${escapeHtml(said)}</p>${['approve', 'spam', 'delete', 'password'].includes(p.action) ? `<p><a href="/admin/">${t.desk}</a></p>` : ''}`);
  }
  const heading = t.confirm[p.action];
  if (p.action == 'password') {
    return page(
      t,
      heading,
      `${p.error ? `<p class="error" role="alert">${escapeHtml(p.error)}</p>` : ''}<form method="post">
<label>${t.password}<input type="password" name="password" autocomplete="new-password" minlength="12" maxlength="200" required></label>
<label>${t.again}<input type="password" name="again" autocomplete="new-password" minlength="12" maxlength="200" required></label>
<button>${t.button.password}</button>
</form>`,
    );
  }
  const comment = p.about.author
    ? `<p>${escapeHtml(t.wrote(p.about.author, p.about.thread))}</p><blockquote>${escapeHtml(p.about.content)}</blockquote><p>${t.site}: ${escapeHtml(p.site)}</p>`
    : '';
  return page(t, heading, `${comment}<form method="post"><button>${t.button[p.action]}</button></form>`);
}
