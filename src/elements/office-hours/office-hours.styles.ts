import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  :host([layout='status']) {
    display: inline-block;
  }
  p,
  table,
  ul {
    margin: 0 0 calc(var(--_gap) / 2);
  }
  .label {
    font-weight: 600;
    color: var(--_closed);
  }
  .open .label {
    color: var(--_open);
  }
  .dot {
    display: inline-block;
    width: 0.6em;
    height: 0.6em;
    margin-inline-end: 0.4em;
    border-radius: 50%;
    background: currentColor;
  }
  table {
    border-collapse: collapse;
  }
  th,
  td {
    padding: 0.25em 1em 0.25em 0;
    border-bottom: 1px solid var(--_border);
    text-align: start;
    font-weight: inherit;
  }
  [aria-current='date'] {
    font-weight: 600;
  }
`;
