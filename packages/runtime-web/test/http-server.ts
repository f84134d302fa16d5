/** A throwaway local HTTP server for tests that fetch URLs (real sockets, no mocks). */
import { type Server, createServer } from 'node:http';

/** Serve `routes` (path -> body) on 127.0.0.1; anything else is a 404. */
export async function serve(routes: Record<string, Uint8Array | string>): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const body = routes[req.url ?? ''];
    if (body === undefined) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
