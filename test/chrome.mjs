// Kept for the scripts that only drive Chromium (benchmarks, screenshots, the WordPress tests);
// test/browsers.mjs finds all three engines.
export { CHROME_FLAGS, findChrome } from './browsers.mjs';
