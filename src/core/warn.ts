const said = new Set<string>();

/**
 * One console warning per element tag, attribute and value, however many times an element
 * re-renders: bad configuration is reported once, and the page keeps working.
 */
export function warn(tag: string, attribute: string, value: unknown, why: string): void {
  const text = `<${tag}> ${attribute}="${value}": ${why}`;
  if (said.has(text)) return;
  said.add(text);
  console.warn(text);
}

/**
 * `value` when it is one of `allowed`; otherwise one warning listing them, and undefined so the
 * caller picks its default (or keeps its fallback content).
 */
export function oneOf<T extends string>(tag: string, attribute: string, value: string, allowed: readonly T[]): T | undefined {
  if (allowed.includes(value as T)) return value as T;
  warn(tag, attribute, value, `use ${allowed.join(', ')}`);
  return undefined;
}
