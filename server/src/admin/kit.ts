/**
 * What the desk takes from the kit (the `firm-widgets` package in this repository), imported,
 * never copied: its design tokens (the --firm-* custom properties, focus ring, .sr-only), its
 * language controller (the nearest `lang`, re-rendering when it changes) and its Intl helpers.
 */
export { tokens } from '../../../src/core/tokens.styles.js';
export { LocaleController, plural, duration, type Messages } from '../../../src/core/locale.js';
