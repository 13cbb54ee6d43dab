import { html, type TemplateResult } from 'lit';

/** What a form field can be: an input of one of these types, a text area, or a select's options. */
export type FieldKind = 'text' | 'email' | 'tel' | 'url' | 'textarea' | unknown[];

/** An address as the forms accept it: something, one `@`, something with a dot in it, no spaces. */
export const isEmail = (s: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(s);

/**
 * The control itself. The browser fills an input from what it knows of the visitor: a text
 * input here is always the visitor's name, the others by their type (`email`, `tel`, `url`).
 */
function control(name: string, kind: FieldKind, required: boolean, invalid: boolean, describedBy: string): TemplateResult {
  if (kind == 'textarea') {
    return html`<textarea part="input" id=${name} name=${name} rows="5" ?required=${required} aria-invalid=${invalid} aria-describedby=${describedBy}></textarea>`;
  }
  if (Array.isArray(kind)) {
    return html`<select part="input" id=${name} name=${name} aria-invalid=${invalid} aria-describedby=${describedBy}>${kind}</select>`;
  }
  const autocomplete = kind == 'text' ? 'name' : kind;
  return html`<input part="input" id=${name} name=${name} type=${kind} autocomplete=${autocomplete} ?required=${required} aria-invalid=${invalid} aria-describedby=${describedBy} />`;
}

/**
 * A labelled control with its error line, tied by `aria-describedby` and `aria-invalid`. `kind`
 * is an input type, `textarea`, or a select's options; `also` is another error line's id (with
 * its leading space) that marks the control too.
 */
export function field(name: string, label: unknown, error: unknown, kind: FieldKind = 'text', required = true, also = ''): TemplateResult {
  const invalid = Boolean(error || also);
  return html`<p>
    <label part="label" for=${name}>${label}</label>${control(name, kind, required, invalid, `${name}-error${also}`)}<small
      part="error"
      id="${name}-error"
      class="error"
      >${error}</small
    >
  </p>`;
}
