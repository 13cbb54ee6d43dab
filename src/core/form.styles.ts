import { css } from 'lit';

/** How the comment and contact forms' fields, error lines and buttons look (colours from the tokens). */
export const formStyles = css`
  form,
  form p {
    display: grid;
    gap: 0.25em;
    margin: 0;
  }
  form {
    gap: var(--_gap);
  }
  input,
  select,
  textarea,
  button {
    font: inherit;
    color: inherit;
    padding: 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: none;
  }
  [aria-invalid='true'],
  .error {
    border-color: var(--_closed);
    color: var(--_closed);
  }
  button {
    justify-self: start;
    cursor: pointer;
    padding: 0.5em 1em;
    border-color: var(--_accent);
    color: var(--_accent);
  }
  .primary {
    background: var(--_accent);
    color: var(--_accent-contrast);
  }
`;
