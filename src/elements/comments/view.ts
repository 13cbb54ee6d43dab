import { html, nothing, type TemplateResult } from 'lit';
import { field } from '../../core/field.js';
import type { Sender } from '../../core/sender.js';
import { safeUrl, contentOf } from './rich.js';
import { initials } from './author.js';
import { writtenAt } from './time.js';
import type { strings } from './strings.js';
import type { Draft } from './sources/source.js';
import type { Entry } from './thread.js';

/**
 * The comments' templates: a comment with its replies, and the form. They show what they are
 * given; the element keeps the state and answers the events (lit calls each listener with the
 * element as `this`).
 */

type Strings = typeof strings.en;

/** What every comment shows besides itself, and what goes in it from elsewhere. */
export interface Look {
  t: Strings;
  /** The language tag, for dates. */
  tag: string;
  /** Show the pictures the source sends instead of initials. */
  avatars: boolean;
  /** The comment just posted: marked, for focus to go to it. */
  fresh?: string;
  /** A reply's template (made once while it can be kept: drawing.ts). */
  item: (entry: Entry) => unknown;
  /** What shows under comment `id`'s own text: the form when the draft answers it, under `replyTo`. */
  under: (id: string, replyTo: string) => unknown;
}

/** A comment and its replies (the tree comes from thread.ts, already cut to what is drawn). */
export function comment({ comment: c, replies, to }: Entry, look: Look): TemplateResult {
  const t = look.t;
  const author = c.author || t.anonymous;
  // A function, so a name such as "$&" is put in as written, not read as a replacement pattern.
  const replyTo = t.replyTo.replace('{name}', () => author);
  const url = safeUrl(c.url);
  // Off by default: the picture is usually a third party's.
  const avatar = look.avatars && safeUrl(c.avatar);
  // One template a comment where possible: 200 comments render in one go.
  return html`<li part="comment">
    <article class=${c.id === look.fresh ? 'fresh' : ''} tabindex="-1">
      <header>
        ${avatar
          ? html`<img part="avatar" src=${avatar} alt="" loading="lazy" referrerpolicy="no-referrer" />`
          : html`<span part="avatar" aria-hidden="true">${initials(author)}</span>`}
        <b part="author">${url ? html`<a href=${url} rel="nofollow ugc noopener">${author}</a>` : author}</b>
        <time datetime=${c.date}>${writtenAt(c.date, look.tag)}</time>
      </header>
      ${to ? html`<small>${t.inReply.replace('{name}', () => to.author || t.anonymous)}</small>` : nothing} ${contentOf(c)}
      ${c.hold
        ? html`<small part="pending">${t.held}</small>`
        : html`<button part="reply" aria-label=${replyTo} value=${c.id}>${t.reply}</button>`}
    </article>
    ${look.under(c.id, replyTo)} ${replies[0] ? html`<ol part="list">${replies.map(look.item)}</ol>` : nothing}
  </li>`;
}

/** What the form shows besides its fields, and the element's answers to it. */
export interface FormLook {
  t: Strings;
  /** The website field. */
  website: boolean;
  /** "Email me when someone replies". */
  mails: boolean;
  send: (e: Event) => void;
  input: (e: Event) => void;
  /** "Cancel" a reply (shown while the draft answers a comment). */
  cancel: () => void;
}

/** The form, under the heading that says what it adds; `f` keeps what is typed and how sending goes. */
export function form(heading: string, f: Sender<Draft>, look: FormLook): TemplateResult {
  const { t, website, mails } = look;
  const e = f.errors;
  return html`<form part="form" novalidate aria-labelledby="fh" @submit=${look.send} @input=${look.input}>
    <h3 id="fh">${heading}</h3>
    ${field('name', t.name, e.name && t.noName)}${field('email', `${t.email} ${t.never}`, e.email && t.badEmail, 'email')}${website
      ? field('url', t.url, e.url && t.badUrl, 'url', false)
      : nothing}
    ${field('content', t.comment, e.content && t.noComment, 'textarea')}
    ${mails ? html`<label><input type="checkbox" name="notify" /> ${t.notify}</label>` : nothing}
    <label><input type="checkbox" name="remember" /> ${t.remember}</label>
    ${f.guard.field()}
    <div>
      ${f.button(t.send)} ${f.draft.parent ? html`<button part="button" type="button" @click=${look.cancel}>${t.cancel}</button>` : nothing}
      ${f.discardButton()}
    </div>
    ${f.status()}
  </form>`;
}
