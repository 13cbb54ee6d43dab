import { css } from 'lit';

// Fields and buttons look as in the comments: core/form.styles.ts styles both. The one list is the error summary.
export const styles = css`
  :host,
  fieldset {
    display: grid;
    gap: var(--_gap);
  }
  h2,
  p,
  ul,
  fieldset {
    margin: 0;
  }
  fieldset {
    padding: 0;
    border: 0;
  }
  /* The legend sits outside the fieldset's grid: it needs its own space. */
  legend {
    padding: 0 0 0.5em;
  }
  ul {
    padding: var(--_gap) 2em;
    border: 2px solid;
    border-radius: var(--_radius);
    color: var(--_closed);
  }
`;
