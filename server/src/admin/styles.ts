/** The desk's own styles, over the kit's tokens: phones first, one column; a side bar from 48rem. */
import { css } from 'lit';

export const deskStyles = css`
  :host {
    display: block;
    font: inherit;
    color: inherit;
    line-height: 1.5;
  }
  h1,
  h2,
  h3 {
    line-height: 1.2;
    margin: 0 0 var(--_gap);
  }
  h2 {
    font-size: 1.3rem;
  }
  h3 {
    font-size: 1rem;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    min-height: 44px;
    padding: 0.4rem 0.9rem;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_accent);
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_accent-contrast);
  }
  button.danger {
    border-color: var(--_closed);
    color: var(--_closed);
  }
  button[disabled] {
    opacity: 0.6;
    cursor: default;
  }
  input,
  select,
  textarea {
    min-height: 44px;
    padding: 0.4rem 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: transparent;
    max-width: 100%;
  }
  textarea {
    width: 100%;
    min-height: 6rem;
  }
  label {
    display: grid;
    gap: 0.25rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  .muted {
    color: var(--_muted);
  }
  .error {
    color: var(--_closed);
  }
  ul.cards {
    list-style: none;
    margin: var(--_gap) 0;
    padding: 0;
    display: grid;
    gap: var(--_gap);
  }
  .card {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_gap);
    display: grid;
    gap: 0.5rem;
    overflow-wrap: anywhere;
  }
  .text {
    white-space: pre-wrap;
    margin: 0;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 44px;
  }
  .check input {
    min-height: auto;
    width: 1.25rem;
    height: 1.25rem;
  }
  .badge {
    display: inline-block;
    padding: 0 0.5rem;
    border-radius: 1rem;
    border: 1px solid currentColor;
    font-size: 0.875rem;
  }
  .sent {
    color: var(--_open);
  }
  .failed {
    color: var(--_closed);
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0;
    display: grid;
    gap: var(--_gap);
    min-width: 0;
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 0.75rem;
    margin: 0;
  }
  dd {
    margin: 0;
  }
  [role='status'] {
    min-height: 1.5em;
  }
`;
