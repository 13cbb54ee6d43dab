import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  form,
  fieldset {
    display: grid;
    gap: var(--_gap);
  }
  fieldset {
    /* Side by side where there is room, one above the other in a sidebar or on a phone. */
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    padding: 0 0 0.25em;
  }
  p,
  ul {
    margin: 0;
  }
  label {
    display: block;
    font-weight: 600;
  }
  .req,
  .hint {
    font-weight: 400;
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
  .check {
    display: flex;
    gap: 0.5em;
  }
  .check input {
    width: auto;
  }
  [aria-invalid='true'] {
    border-color: var(--_closed);
  }
  .error,
  .summary {
    grid-column: 1 / -1;
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
    font-weight: 600;
    color: var(--_accent-contrast);
    background: var(--_accent);
    border: 0;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .status {
    margin-top: var(--_gap);
  }
`;
