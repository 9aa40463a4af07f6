import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { choosePublicUrl, lanAddress } from './public-url.ts';

const info = (address: string, family: 'IPv4' | 'IPv6', internal: boolean): NetworkInterfaceInfo =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null, ...(family === 'IPv6' ? { scopeid: 0 } : {}) }) as NetworkInterfaceInfo;

const interfaces = {
  lo: [info('127.0.0.1', 'IPv4', true), info('::1', 'IPv6', true)],
  wlan0: [info('fe80::1', 'IPv6', false), info('192.168.1.23', 'IPv4', false)],
  eth1: [info('10.0.0.9', 'IPv4', false)],
};

describe('public URL for the ticket QR code', () => {
  it('defaults to the first non-internal IPv4 address, never loopback or IPv6', () => {
    expect(lanAddress(interfaces)).toBe('192.168.1.23');
    expect(choosePublicUrl(undefined, 8080, interfaces)).toEqual({ url: 'http://192.168.1.23:8080', problem: null, warning: null });
  });

  it('warns when there is no LAN address, or when the configured URL is loopback', () => {
    expect(choosePublicUrl(undefined, 8080, { lo: interfaces.lo })).toMatchObject({
      url: 'http://localhost:8080',
      problem: 'no_lan_address',
      warning: expect.stringContaining('PUBLIC_URL'),
    });
    for (const configured of ['http://localhost:8080', 'http://127.0.0.1:8080/', 'http://[::1]:8080']) {
      expect(choosePublicUrl(configured, 8080, interfaces)).toMatchObject({
        url: configured,
        problem: 'loopback',
        warning: expect.stringContaining('loopback'),
      });
    }
    expect(choosePublicUrl('https://service.example-4s.cn', 8080, interfaces)).toEqual({ url: 'https://service.example-4s.cn', problem: null, warning: null });
    expect(() => choosePublicUrl('not a url', 8080, interfaces)).toThrow();
  });
});
