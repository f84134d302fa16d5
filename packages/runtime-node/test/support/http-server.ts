/**
 * A local HTTP file server for download tests (node:http on 127.0.0.1, random port): serves byte buffers,
 * honours `Range: bytes=a-`, and can misbehave on purpose: drop the connection after some bytes, serve corrupt
 * bytes, ignore ranges, or answer an error status.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the server treats one path. */
export interface Served {
  /** The file's bytes. */
  body: Uint8Array;
  /** Destroy the socket after sending this many body bytes, for the first `dropTimes` requests (default 1). */
  dropAfter?: number;
  dropTimes?: number;
  /** Flip every byte from this offset on (corrupt download). */
  corruptFrom?: number;
  /** Answer 200 with the whole file even when a range is asked for. */
  ignoreRange?: boolean;
  /** Answer this status and no body. */
  status?: number;
}

/** A running test server. */
export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** What each path serves (mutable between requests). */
  files: Map<string, Served>;
  /** Every request: path and headers. */
  requests: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** Start the server on a random port of 127.0.0.1. */
export async function startServer(): Promise<TestServer> {
  const files = new Map<string, Served>();
  const requests: TestServer['requests'] = [];
  const drops = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const f = files.get(path);
    if (!f) {
      res.writeHead(404).end();
      return;
    }
    if (f.status !== undefined) {
      res.writeHead(f.status).end();
      return;
    }
    let body = Buffer.from(f.body);
    if (f.corruptFrom !== undefined) for (let i = f.corruptFrom; i < body.length; i++) body[i] = body[i]! ^ 0xff;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    let start = 0;
    if (range && !f.ignoreRange) {
      start = Number(range[1]);
      if (start >= body.length) {
        res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      res.writeHead(206, { 'content-length': body.length - start, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}`, 'accept-ranges': 'bytes' });
    } else {
      res.writeHead(200, { 'content-length': body.length, 'accept-ranges': 'bytes' });
    }
    body = body.subarray(start);
    const dropped = drops.get(path) ?? 0;
    if (f.dropAfter !== undefined && dropped < (f.dropTimes ?? 1) && f.dropAfter < body.length) {
      drops.set(path, dropped + 1);
      // Send part of the body, then cut the connection: the client sees a body shorter than content-length.
      res.write(body.subarray(0, f.dropAfter), () => {
        setTimeout(() => res.socket?.destroy(), 20);
      });
      return;
    }
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    files,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
