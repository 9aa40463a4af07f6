/**
 * The station's input devices at work: every configured scanner and call button opened (and
 * reopened after unplugging), decoded, validated, and turned into actions — a scan handed to
 * the page, a button press sent to the hub as its counter action — with device health reported
 * to the hub so the desk sees "scanner at kiosk 1 disconnected". Plain Node.
 */
import type { DeviceHealth } from './health.ts';
import type { DevicesConfig } from './device-config.ts';
import { HidButtonDecoder } from './hid-buttons.ts';
import { BootKeyboardDecoder } from './hid-keyboard.ts';
import { HID_POS_LAYOUTS, HidPosDecoder } from './hid-pos.ts';
import { HidSource, PREFERRED_INTERFACES, type HidApi } from './hid-source.ts';
import { classifyScan, MAX_SCAN_LENGTH, type ScannedCode } from './scanned-code.ts';
import { ButtonFrameParser, Debouncer, ScannerFrameParser } from './serial-frames.ts';
import { SerialSource } from './serial-source.ts';

export interface DeviceHub {
  counterAction(counterId: string, action: 'call-next' | 'recall' | 'no-show'): Promise<void>;
  reportHealth(devices: DeviceHealth[]): Promise<void>;
}

export interface DeviceServiceOptions {
  config: DevicesConfig;
  hub: DeviceHub;
  /** Needed only when HID devices are configured. */
  hid?: HidApi;
  /** A scan, classified, with the text as read (the page dedupes by it against keystrokes). */
  onScan?: (code: ScannedCode, device: string, raw: string) => void;
  onError?: (message: string) => void;
  pollMs?: number;
}

export interface DeviceService {
  health(): DeviceHealth[];
  stop(): Promise<void>;
}

/** A decoder that ends codes on a pause: flushed by a timer, not only when the next scan starts. */
interface PauseEnded {
  readonly pending: boolean;
  flush(at?: number): string | null;
}

export function pauseFlusher(decoder: PauseEnded, pauseMs: number, deliver: (code: string) => void): { poke(): void; stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  const stop = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const poke = (): void => {
    stop();
    if (!decoder.pending) return;
    timer = setTimeout(() => {
      timer = null;
      const code = decoder.flush();
      if (code !== null) deliver(code);
      else poke(); // bytes came in meanwhile: wait for their pause
    }, pauseMs + 5);
  };
  return { poke, stop };
}

export function startDeviceService(options: DeviceServiceOptions): DeviceService {
  const { config, hub } = options;
  const sources: (HidSource | SerialSource)[] = [];
  const stops: (() => void)[] = [];
  // The hub's schema names these fields only.
  const snapshot = (s: HidSource | SerialSource): DeviceHealth => {
    const { name, kind, connected, lastSeen, errors, lastError } = s.health;
    return { name, kind, connected, lastSeen, errors, lastError };
  };
  const report = (): void => void hub.reportHealth(sources.map(snapshot)).catch((err: Error) => options.onError?.(`health report failed: ${err.message}`));
  const scanned = (raw: string, device: string): void => options.onScan?.(classifyScan(raw), device, raw);
  const press = (device: string, button: string, map: DevicesConfig['callButtons'][number]['map']): void => {
    const target = map[button];
    if (!target) return options.onError?.(`${device}: button ${button} is not mapped`);
    hub
      .counterAction(target.counterId, target.action)
      .catch((err: Error) => options.onError?.(`${device}: ${target.action} at counter ${target.counterId} failed: ${err.message}`));
  };
  const needHid = (): HidApi => {
    if (!options.hid) throw new Error('a HID device is configured but no HID API was given');
    return options.hid;
  };
  const timing = options.pollMs === undefined ? {} : { pollMs: options.pollMs };

  for (const scanner of config.scanners) {
    if (scanner.hid) {
      const h = scanner.hid;
      const source = new HidSource(
        needHid(),
        { vendorId: h.vendorId, productId: h.productId, usagePage: h.usagePage, prefer: PREFERRED_INTERFACES[h.mode] },
        { name: scanner.name, kind: 'scanner' },
        timing,
      );
      if (h.mode === 'keyboard') {
        const decoder = new BootKeyboardDecoder({ terminator: h.terminator, interCharTimeoutMs: h.pauseMs, maxLength: MAX_SCAN_LENGTH });
        const flusher = pauseFlusher(decoder, h.pauseMs, (code) => scanned(code, scanner.name));
        stops.push(flusher.stop);
        source.on('data', (r: Buffer) => {
          decoder.report(r).forEach((code) => scanned(code, scanner.name));
          flusher.poke();
        });
      } else {
        const decoder = new HidPosDecoder(HID_POS_LAYOUTS[h.layout]);
        source.on('open', () => decoder.reset());
        source.on('data', (r: Buffer) => {
          const scan = decoder.report(r);
          if (scan) scanned(scan.data.toString('latin1'), scanner.name);
        });
      }
      sources.push(source);
    } else if (scanner.serial) {
      const s = scanner.serial;
      const source = new SerialSource(s, { name: scanner.name, kind: 'scanner' }, timing);
      const parser = new ScannerFrameParser({ prefix: s.prefix, suffix: s.suffix, terminator: s.terminator, interCharTimeoutMs: s.pauseMs, maxLength: 512 });
      const flusher = pauseFlusher(parser, s.pauseMs, (code) => scanned(code, scanner.name));
      stops.push(flusher.stop);
      source.on('data', (chunk: Buffer) => {
        parser.push(chunk).forEach((code) => scanned(code, scanner.name));
        flusher.poke();
      });
      sources.push(source);
    }
  }

  for (const button of config.callButtons) {
    if (button.hid) {
      const source = new HidSource(
        needHid(),
        { vendorId: button.hid.vendorId, productId: button.hid.productId, usagePage: button.hid.usagePage, prefer: PREFERRED_INTERFACES.buttons },
        { name: button.name, kind: 'call-button' },
        timing,
      );
      const decoder = new HidButtonDecoder(button.hid.reportId);
      source.on('data', (r: Buffer) => decoder.report(r).forEach((bit) => press(button.name, String(bit), button.map)));
      sources.push(source);
    } else if (button.serial) {
      const source = new SerialSource(button.serial, { name: button.name, kind: 'call-button' }, timing);
      const parser = new ButtonFrameParser(button.serial.framing);
      const debouncer = new Debouncer(button.serial.debounceMs);
      source.on('data', (chunk: Buffer) =>
        parser.push(chunk).forEach((p) => {
          if (debouncer.accept(p.button)) press(button.name, p.button, button.map);
        }),
      );
      sources.push(source);
    }
  }

  for (const source of sources) {
    source.on('health', report);
    source.start();
  }
  return {
    health: () => sources.map(snapshot),
    async stop() {
      stops.forEach((stop) => stop());
      for (const s of sources) await s.stop();
    },
  };
}

/** The hub side of the device service over HTTP, with the station's device token. */
export function httpDeviceHub(baseUrl: string, token: string): DeviceHub {
  let n = 0;
  const post = async (path: string, body: unknown): Promise<void> => {
    const response = await fetch(new URL(path, baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok && response.status !== 204) throw new Error(`${response.status} ${await response.text()}`);
  };
  return {
    counterAction: (counterId, action) =>
      post(`/api/counters/${encodeURIComponent(counterId)}/${action}`, {
        idempotencyKey: `button-${Date.now()}-${++n}-${Math.random().toString(36).slice(2, 8)}`,
      }),
    reportHealth: (devices) => post('/api/devices/health', { devices }),
  };
}
