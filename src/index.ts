export { FirmLanguageBadge } from './elements/language-badge/language-badge.js';
