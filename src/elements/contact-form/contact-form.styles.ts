import { css } from 'lit';

// Fields and buttons look as in the comments: core/form.ts styles both.
export const styles = css`
  :host,
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
  .summary {
    padding: var(--_gap) 2em;
    border: 2px solid;
    border-radius: var(--_radius);
    color: var(--_closed);
  }
`;
