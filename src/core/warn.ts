const said = new Set<string>();

/**
 * One console warning per element tag, attribute and value, however many times an element
 * re-renders: bad configuration is reported once, and the page keeps working.
 */
export function warn(tag: string, attribute: string, value: unknown, why: string): void {
  const text = `<${tag}> ${attribute}="${String(value)}": ${why}`;
  if (said.has(text)) return;
  said.add(text);
  console.warn(text);
}
