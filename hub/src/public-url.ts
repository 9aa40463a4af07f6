/**
 * The base URL customers' phones open from the ticket QR code. A phone on the store's Wi-Fi
 * cannot open `localhost`, so without PUBLIC_URL the hub uses its own LAN address (the first
 * non-internal IPv4), and a configured loopback URL gets a warning at start. Pure: the network
 * interfaces are passed in.
 */
import type { NetworkInterfaceInfo } from 'node:os';

export interface PublicUrlChoice {
  url: string;
  /** Said at start-up when phones will not reach the URL; null when all is well. */
  warning: string | null;
}

/** The first non-internal IPv4 address, in the order the system lists interfaces. */
export function lanAddress(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string | null {
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) if (info.family === 'IPv4' && !info.internal) return info.address;
  }
  return null;
}

const isLoopback = (hostname: string): boolean => hostname === 'localhost' || hostname.endsWith('.localhost') || /^127\./.test(hostname) || hostname === '[::1]';

export function choosePublicUrl(configured: string | undefined, port: number, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): PublicUrlChoice {
  if (configured) {
    const url = new URL(configured); // a malformed PUBLIC_URL stops the start with its reason
    const warning = isLoopback(url.hostname) ? `PUBLIC_URL ${configured} is a loopback address: phones cannot open the ticket QR codes; use this machine's LAN address` : null;
    return { url: configured, warning };
  }
  const address = lanAddress(interfaces);
  if (!address) return { url: `http://localhost:${port}`, warning: 'no LAN address found: ticket QR codes point at localhost, which phones cannot open; set PUBLIC_URL' };
  return { url: `http://${address}:${port}`, warning: null };
}
