import { css } from 'lit';

export const styles = css`
  :host,
  form,
  fieldset {
    display: grid;
    gap: var(--_gap);
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
  }
  h2,
  p,
  ul {
    margin: 0;
  }
  .req,
  .hint {
    color: var(--_muted);
  }
  input,
  select,
  textarea {
    display: block;
    width: 100%;
    margin-top: 0.25em;
    padding: 0.5em;
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
  }
  textarea {
    min-height: 8em;
  }
  [type='checkbox'] {
    display: inline-block;
    width: auto;
  }
  [aria-invalid='true'] {
    border-color: var(--_closed);
  }
  .error,
  .summary {
    display: block;
    color: var(--_closed);
  }
  .summary {
    padding: var(--_gap);
    border: 2px solid;
    border-radius: var(--_radius);
  }
  button {
    justify-self: start;
    padding: 0.6em 1.2em;
    font: inherit;
    color: var(--_accent-contrast);
    background: var(--_accent);
    border: 0;
    border-radius: var(--_radius);
  }
`;
