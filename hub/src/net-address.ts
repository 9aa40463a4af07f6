/** Client addresses as Node reports them (IPv4, IPv6, IPv4-mapped IPv6). */

/**
 * The hub machine itself, as its own browser reaches it: 127.0.0.1 or ::1. Other 127.x
 * addresses are not trusted (no real LAN host can use them; tests use them to play LAN hosts).
 */
export function isHubMachine(ip: string): boolean {
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
}
