import type { ReactiveControllerHost } from 'lit';

/**
 * How far from the viewport the element starts loading: far enough for the list to have come by
 * the time a reader scrolling at a usual pace reaches it.
 */
const MARGIN = '600px';

/**
 * Calls `seen` when `host` first comes within MARGIN of the viewport (lazy loading), watching
 * while it is connected.
 */
export function near(host: ReactiveControllerHost & Element, seen: () => void): void {
  const observer = new IntersectionObserver(
    (sightings) => {
      // The latest sighting counts.
      if (sightings.pop()!.isIntersecting) {
        observer.disconnect();
        seen();
      }
    },
    { rootMargin: MARGIN },
  );
  host.addController({ hostConnected: () => observer.observe(host), hostDisconnected: () => observer.disconnect() });
}
