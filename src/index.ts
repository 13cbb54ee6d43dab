export { FirmLanguageBadge } from './elements/language-badge/language-badge.js';
export { FirmContactCard } from './elements/contact-card/contact-card.js';
