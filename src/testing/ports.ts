/**
 * Free TCP ports for tests that need a closed port (an unreachable endpoint).
 */
import { createServer } from 'net';

/**
 * A port on 127.0.0.1 that was free a moment ago (and almost surely nothing listens on now).
 * @returns the port number.
 */
export function freePortForTests(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
