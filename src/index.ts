export { FirmLanguageBadge } from './elements/language-badge/language-badge.js';
export { FirmComments } from './elements/comments/comments.js';
