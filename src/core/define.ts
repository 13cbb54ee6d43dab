/**
 * Registers a custom element unless the tag is already taken.
 *
 * A page may load the kit twice (a theme and a plugin both add it, or the ES and classic builds
 * side by side). `customElements.define` throws on the second call, which would stop the rest of
 * that copy from running; the first definition wins and the second copy stays silent.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
