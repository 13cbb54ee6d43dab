import { css } from 'lit';

// The field and button rules follow the comments' own, so the two forms look alike.
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
  textarea,
  button {
    font: inherit;
    color: inherit;
  }
  input:not([type='checkbox']),
  select,
  textarea {
    display: block;
    width: 100%;
    padding: 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: none;
  }
  textarea {
    min-height: 8em;
  }
  [aria-invalid='true'] {
    border-color: var(--_closed);
  }
  .error {
    display: block;
    color: var(--_closed);
  }
  .summary {
    padding: var(--_gap);
    border: 2px solid;
    border-radius: var(--_radius);
    color: var(--_closed);
  }
  button {
    justify-self: start;
    padding: 0.5em 1em;
    border: 0;
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_accent-contrast);
  }
`;
