import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-block;
    line-height: 1.3;
  }
  ul {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_gap) / 2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    padding: 0.3em 0.85em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface);
    text-decoration: none;
  }
  a.badge .gloss {
    color: inherit;
  }
  a.badge:hover .phrase {
    text-decoration: underline;
  }
  .phrase {
    font-weight: 600;
  }
  .gloss {
    font-size: 0.85em;
    color: var(--_muted);
  }
  svg {
    flex: none;
    width: 1.1em;
    height: 1.1em;
  }
  :host([variant='banner']) {
    display: block;
  }
  :host([variant='banner']) .badge {
    display: flex;
    border-radius: var(--_radius);
    padding: 0.6em 1em;
    background: var(--firm-surface, var(--_accent));
    color: var(--_accent-contrast);
    border-color: transparent;
  }
  :host([variant='banner']) .gloss {
    color: inherit;
    opacity: 0.9;
  }
  :host([variant='plain']) .badge {
    border: 0;
    padding: 0;
    background: none;
  }
`;
