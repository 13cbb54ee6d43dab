export { FirmLanguageBadge } from './elements/language-badge/language-badge.js';
export { FirmOfficeHours } from './elements/office-hours/office-hours.js';
export { FirmContactForm } from './elements/contact-form/contact-form.js';
export { FirmContactCard } from './elements/contact-card/contact-card.js';
export { FirmCallButton } from './elements/call-button/call-button.js';
export { FirmAuthorBio } from './elements/author-bio/author-bio.js';
export { FirmComments } from './elements/comments/comments.js';
