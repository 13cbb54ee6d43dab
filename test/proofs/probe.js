// Loaded first on each proof page (an external file, so it runs under the strict CSP): records
// every console error and warning, uncaught error, CSP violation and resource request.
window.__proof = { problems: [], violations: [] };
for (const level of ['error', 'warn']) {
  const original = console[level];
  console[level] = (...args) => {
    window.__proof.problems.push(`${level}: ${args.map(String).join(' ')}`);
    original.apply(console, args);
  };
}
addEventListener('error', (e) => window.__proof.problems.push(`uncaught: ${e.message}`));
addEventListener('unhandledrejection', (e) => window.__proof.problems.push(`unhandled rejection: ${e.reason}`));
document.addEventListener('securitypolicyviolation', (e) =>
  window.__proof.violations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} ${e.sourceFile || ''}:${e.lineNumber}`),
);
