import { describe, expect, it } from 'vitest';
import { DevicesConfig } from './device-config.ts';

describe('DevicesConfig', () => {
  it('defaults serial scanners to any of CR, LF, CRLF and HID-POS to the Honeywell layout', () => {
    const config = DevicesConfig.parse({
      scanners: [
        { name: 'serial', serial: { path: '/dev/ttyUSB0' } },
        { name: 'pos', hid: { vendorId: '0x1eab', productId: '0x0d10', mode: 'pos', usagePage: '0x8c' } },
      ],
    });
    expect(config.scanners[0]!.serial).toMatchObject({ terminator: 'any', pauseMs: 80 });
    expect(config.scanners[1]!.hid).toMatchObject({ layout: 'honeywell', usagePage: 0x8c, vendorId: 0x1eab });
  });

  it('refuses a layout it does not know, naming the field', () => {
    const result = DevicesConfig.safeParse({ scanners: [{ name: 'pos', hid: { vendorId: 1, productId: 2, mode: 'pos', layout: 'zebra-snapi' } }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['scanners', 0, 'hid', 'layout']);
  });
});
