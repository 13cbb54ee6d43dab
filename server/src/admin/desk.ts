/** The desk's bundle entry (vite: server/admin.vite.config.ts → server/admin-dist/desk.js). */
import './desk-app.js';
