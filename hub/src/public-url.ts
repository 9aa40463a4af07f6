/**
 * The base URL customers' phones open from the ticket QR code. A phone on the store's Wi-Fi
 * cannot open `localhost`, so without PUBLIC_URL the hub uses its own LAN address (the first
 * non-internal IPv4), and a configured loopback URL gets a warning at start. Pure: the network
 * interfaces are passed in.
 */
import type { NetworkInterfaceInfo } from 'node:os';

export interface PublicUrlChoice {
  url: string;
  /** Why phones will not reach the URL (shown in the manager's settings); null when all is well. */
  problem: 'loopback' | 'no_lan_address' | null;
  /** Said at start-up when there is a problem. */
  warning: string | null;
}

/** The first non-internal IPv4 address, in the order the system lists interfaces. */
export function lanAddress(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string | null {
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) if (info.family === 'IPv4' && !info.internal) return info.address;
  }
  return null;
}

const isLoopback = (hostname: string): boolean =>
  hostname === 'localhost' || hostname.endsWith('.localhost') || /^127\./.test(hostname) || hostname === '[::1]';

export function choosePublicUrl(configured: string | undefined, port: number, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): PublicUrlChoice {
  if (configured) {
    const url = new URL(configured); // a malformed PUBLIC_URL stops the start with its reason
    if (!isLoopback(url.hostname)) return { url: configured, problem: null, warning: null };
    const warning = `PUBLIC_URL ${configured} is a loopback address: phones cannot open the ticket QR codes; use this machine's LAN address`;
    return { url: configured, problem: 'loopback', warning };
  }
  const address = lanAddress(interfaces);
  if (!address) {
    const warning = 'no LAN address found: ticket QR codes point at localhost, which phones cannot open; set PUBLIC_URL';
    return { url: `http://localhost:${port}`, problem: 'no_lan_address', warning };
  }
  return { url: `http://${address}:${port}`, problem: null, warning: null };
}
