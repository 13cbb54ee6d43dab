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
  b {
    color: var(--_closed);
  }
  :host([open]) b {
    color: var(--_open);
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
    font-weight: bolder;
  }
`;
