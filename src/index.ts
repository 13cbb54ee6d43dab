export { FirmLanguageBadge } from './elements/language-badge/language-badge.js';
export { FirmOfficeHours } from './elements/office-hours/office-hours.js';
export { FirmContactForm } from './elements/contact-form/contact-form.js';
