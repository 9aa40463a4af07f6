import { describe, expect, it } from 'vitest';
import { defaultAllowedHosts, hostAllowed, hostName, originAllowed } from './allowed-hosts.ts';

describe('allowed hosts', () => {
  const allowed = new Set(defaultAllowedHosts(['hub.store.lan']));

  it('reads host names from Host headers with ports and IPv6 brackets', () => {
    expect(hostName('Hub.Store.LAN:8080')).toBe('hub.store.lan');
    expect(hostName('[::1]:8080')).toBe('::1');
    expect(hostName('::1')).toBe('::1');
  });

  it("answers the hub's own names and refuses others", () => {
    expect(hostAllowed('localhost:8080', allowed)).toBe(true);
    expect(hostAllowed('hub.store.lan:8080', allowed)).toBe(true);
    expect(hostAllowed('evil.example:8080', allowed)).toBe(false);
    expect(hostAllowed(undefined, allowed)).toBe(false);
  });

  it('takes sockets from its own origins and from non-browser clients only', () => {
    expect(originAllowed(undefined, allowed)).toBe(true);
    expect(originAllowed('http://hub.store.lan:8080', allowed)).toBe(true);
    expect(originAllowed('http://evil.example', allowed)).toBe(false);
    expect(originAllowed('null', allowed)).toBe(false);
    expect(originAllowed('file://hub.store.lan', allowed)).toBe(false);
  });
});
