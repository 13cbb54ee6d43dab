export { FirmLanguageBadge } from './elements/language-badge/language-badge.js';
export { FirmContactForm } from './elements/contact-form/contact-form.js';
