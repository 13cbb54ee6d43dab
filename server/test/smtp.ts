/** Local mail servers for the outbox tests: one that accepts, refuses, fails for now, or drops. */
import { createServer, type AddressInfo, type Server } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  messageId: string;
  to: string[];
  raw: string;
}

/**
 * A local mail server: `accept`s, `refuse`s every recipient (550, permanent), `tempfail`s (451,
 * try later), or drops the connection after its greeting (`drop`, a plain socket).
 */
export async function smtp(mode: 'accept' | 'refuse' | 'tempfail' | 'drop'): Promise<{ port: number; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  if (mode == 'drop') {
    const server: Server = createServer((socket) => {
      socket.write('220 localhost ESMTP\r\n');
      socket.once('data', () => socket.destroy());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { port: (server.address() as AddressInfo).port, received, close: () => new Promise((r) => server.close(() => r())) };
  }
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (mode == 'refuse') return callback(Object.assign(new Error('550 No such user here'), { responseCode: 550 }));
      if (mode == 'tempfail') return callback(Object.assign(new Error('451 Try again later'), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString();
        received.push({ messageId: /^Message-ID: (.*)$/im.exec(raw)?.[1].trim() ?? '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  // A client that dies mid-session (the crash test kills the server while it sends) resets its
  // connection: smtp-server emits that as an 'error', which with no listener is an uncaught
  // exception in the test process (seen once in CI as "read ECONNRESET"). It is the client's end.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code != 'ECONNRESET' && error.code != 'EPIPE') throw error;
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise((r) => server.close(() => r())) };
}

/** A port nothing listens on: a mail server that is down. */
export async function downPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

