/** A station's devices, as the installer configures them (the `devices` section of station.json). */
import { z } from 'zod';

const Hex16 = z.union([
  z.number().int().min(0).max(0xffff),
  z
    .string()
    .regex(/^0x[0-9a-fA-F]{1,4}$/)
    .transform((s) => parseInt(s, 16)),
]);

const Serial = z.strictObject({
  path: z.string().min(1),
  baudRate: z.number().int().min(1200).max(921600).default(9600),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
});

export const ScannerConfig = z.strictObject({
  name: z.string().min(1).max(60),
  hid: z
    .strictObject({
      vendorId: Hex16,
      productId: Hex16,
      mode: z.enum(['keyboard', 'pos']),
      terminator: z.enum(['enter', 'tab', 'none']).default('enter'),
      /** With terminator `none`, a pause this long ends a code. */
      pauseMs: z.number().int().min(20).max(2000).default(80),
      /** HID-POS report layout: `honeywell` (also Zebra, Access-IS) or `newland` (also Quio). */
      layout: z.enum(['honeywell', 'newland']).default('honeywell'),
      /** Which interface of a composite device: 0x8C HID-POS, 0x01 keyboard (0x06 on some); default from `mode`. */
      usagePage: Hex16.optional(),
    })
    .optional(),
  serial: Serial.extend({
    prefix: z.string().max(8).default(''),
    suffix: z.string().max(8).default(''),
    /** `any` (CR, LF or CRLF) unless the device is known to use exactly one; `none`: a pause ends a code. */
    terminator: z.enum(['any', '\r', '\n', '\r\n', 'none']).default('any'),
    pauseMs: z.number().int().min(20).max(2000).default(80),
  }).optional(),
});

const CounterAction = z.strictObject({ counterId: z.string().regex(/^[A-Za-z0-9-]{1,16}$/), action: z.enum(['call-next', 'recall', 'no-show']) });

export const CallButtonConfig = z.strictObject({
  name: z.string().min(1).max(60),
  hid: z
    .strictObject({ vendorId: Hex16, productId: Hex16, reportId: z.number().int().min(0).max(255).nullable().default(null), usagePage: Hex16.optional() })
    .optional(),
  serial: Serial.extend({
    framing: z.union([
      z.strictObject({
        kind: z.literal('binary'),
        header: z.array(z.number().int().min(0).max(255)).min(1).max(4),
        idBytes: z.union([z.literal(1), z.literal(2)]),
        keyBytes: z.union([z.literal(0), z.literal(1)]),
        checksum: z.enum(['sum8', 'xor8']),
      }),
      z.strictObject({ kind: z.literal('ascii'), pattern: z.string().min(1).max(200) }),
    ]),
    debounceMs: z.number().int().min(0).max(5000).default(800),
  }).optional(),
  /** Button (HID: bit number; serial: id or `id:key`) → what it does at which counter. */
  map: z.record(z.string(), CounterAction),
});

export const DevicesConfig = z.strictObject({
  scanners: z.array(ScannerConfig).default([]),
  callButtons: z.array(CallButtonConfig).default([]),
});
export type DevicesConfig = z.infer<typeof DevicesConfig>;
