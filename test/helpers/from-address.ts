/**
 * HTTP from a chosen loopback source address (127.0.0.2, 127.0.0.3, …): Linux routes all of
 * 127.0.0.0/8 to loopback, so one machine can play many LAN hosts against a real hub.
 */
import { request } from 'node:http';

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON the hub sent
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

export function postFrom(localAddress: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', localAddress, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The n-th fake LAN host: 127.0.0.2 upwards. */
export const lanHost = (n: number): string => `127.0.${Math.floor((n + 2) / 256)}.${(n + 2) % 256}`;
