/**
 * An HTTP proxy in front of a real hub that forwards every request at once (so the hub
 * commits) but may hold the hub's answer back: a hub that "answers slowly", as seen from a
 * station on a congested store LAN.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class DelayingProxy {
  private server: Server | null = null;
  /** Milliseconds to hold the answer of a request back; 0 passes it at once. */
  delay: (method: string, path: string) => number = () => 0;
  /** Requests forwarded, as `METHOD path`. */
  readonly seen: string[] = [];

  constructor(private readonly target: string) {}

  async listen(): Promise<string> {
    const target = new URL(this.target);
    this.server = createServer((req, res) => {
      const hold = this.delay(req.method ?? 'GET', req.url ?? '/');
      this.seen.push(`${req.method} ${req.url}`);
      const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          setTimeout(() => {
            if (res.destroyed) return; // the station gave up waiting
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(chunks));
          }, hold);
        });
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}
