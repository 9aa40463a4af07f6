/**
 * Which `Host:` names the hub answers to, and which page origins may open its sockets. A page
 * on some other name that resolves to the hub (DNS rebinding) or a foreign web page is refused.
 */
import { hostname, networkInterfaces } from 'node:os';

/** The hub's own names and addresses, localhost, and any extra names (HUB_ALLOWED_HOSTS, PUBLIC_URL). */
export function defaultAllowedHosts(extra: readonly string[] = []): string[] {
  const names = ['localhost', '127.0.0.1', '::1', hostname(), `${hostname()}.local`];
  for (const list of Object.values(networkInterfaces())) for (const net of list ?? []) names.push(net.address);
  return [...new Set([...names, ...extra].map((n) => n.trim().toLowerCase()).filter(Boolean))];
}

/** The host name of a `Host:` header value, without port or IPv6 brackets. */
export function hostName(hostHeader: string): string {
  const value = hostHeader.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(1, value.indexOf(']'));
  const colon = value.lastIndexOf(':');
  return colon > 0 && value.indexOf(':') === colon ? value.slice(0, colon) : value;
}

export function hostAllowed(hostHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  return hostHeader !== undefined && allowed.has(hostName(hostHeader));
}

/** A browser's `Origin:`; absent for non-browser clients (stations, tools), which is allowed. */
export function originAllowed(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && allowed.has(hostName(url.host));
  } catch {
    return false;
  }
}
