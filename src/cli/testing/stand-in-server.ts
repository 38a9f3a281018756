/**
 * A stand-in for the Junction server in CLI tests: a bare node:http server on 127.0.0.1 (a free
 * port) whose answers the test scripts route by route. It is not the real server; end-to-end
 * tests against that live in test/.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Answers one request; `url` is parsed for convenience. Return nothing after writing `res`. */
export type StandInRoute = (req: RecordedRequest, res: ServerResponse, url: URL) => void | Promise<void>;

export interface StandInServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Starts the stand-in; `route` sees every request. Unhandled exceptions become a 500 ApiError. */
export async function startStandInServer(route: StandInRoute): Promise<StandInServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const recorded: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body };
    requests.push(recorded);
    try {
      await route(recorded, res, new URL(recorded.url, 'http://stand-in'));
    } catch (error) {
      sendJson(res, 500, { error: { code: 'internal', message: String(error) } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A URL on which nothing listens: a port that was just free and has been released again. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
