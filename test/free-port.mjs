import { createServer } from 'node:net';

/**
 * A port free on `host` now: the system picks one, and it is handed back at once. The test
 * servers, runners and browsers each ask for their own, so that those started together never race
 * for one port.
 */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
