// Which browser engine sent a request, from its User-Agent.
//
// `npm test` runs Firefox and WebKit AT THE SAME TIME in one web-test-runner, so they share its
// dev server and every test server in this folder. A test server that keeps state (a database, a
// mail folder) keeps one per engine, keyed by this, so one engine never reads, approves or erases
// what the other wrote. Within an engine the test files run one at a time (concurrency: 1 in
// web-test-runner.config.mjs), so one state per engine is one state per running test file.
// The User-Agent is used because it is the one thing every request carries, fetch() and an
// iframe's navigation alike (a header of our own could not ride on a navigation).
export function engineOf(ctx) {
  const agent = ctx.get('user-agent');
  // Chromium's says "AppleWebKit" and "Safari" too, and headless it says "HeadlessChrome/" (no
  // word boundary before "Chrome"); WebKit's says no "Chrome" at all.
  if (/Firefox\//.test(agent)) return 'firefox';
  if (/Chrom(e|ium)\//.test(agent)) return 'chromium';
  if (/\bAppleWebKit\//.test(agent)) return 'webkit';
  return 'other';
}

/** One value per engine, made by `make(engine, ctx)` on the engine's first request, then kept. */
export function perEngine(make) {
  const made = new Map();
  return (ctx) => {
    const engine = engineOf(ctx);
    if (!made.has(engine)) made.set(engine, make(engine, ctx));
    return made.get(engine);
  };
}
