// A Kibana on loopback that accepts every connection, reads what is sent, and never answers: the
// worst case for time limits (nothing fails, nothing arrives). It records the request line of each
// request, so that a test can tell what was sent before the caller gave up.
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SilentKibana {
  url: string;
  /** `METHOD path` of every request received, in order. */
  requests: string[];
  /** Drops every connection (so that nothing waits on them), then stops listening. */
  stop(): Promise<void>;
}

export async function startSilentKibana(): Promise<SilentKibana> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      if (head.includes('\r\n')) return;
      head += chunk.toString('latin1');
      const line = /^([A-Z]+) (\S+) HTTP\/1\.1\r\n/.exec(head);
      if (line) requests.push(`${line[1]} ${line[2]!.split('?')[0]}`);
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
