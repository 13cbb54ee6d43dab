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
  .status {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.4em;
  }
  .label {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    font-weight: 600;
    color: var(--_closed);
  }
  .open .label {
    color: var(--_open);
  }
  .dot {
    width: 0.6em;
    height: 0.6em;
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
  [aria-current] {
    font-weight: 600;
  }
  .muted {
    font-size: 0.875em;
    color: var(--_muted);
  }
`;
