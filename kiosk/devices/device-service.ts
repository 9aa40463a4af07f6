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
import { HidPosDecoder } from './hid-pos.ts';
import { HidSource, type HidApi } from './hid-source.ts';
import { classifyScan, type ScannedCode } from './scanned-code.ts';
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
  onScan?: (code: ScannedCode, device: string) => void;
  onError?: (message: string) => void;
  pollMs?: number;
}

export interface DeviceService {
  health(): DeviceHealth[];
  stop(): Promise<void>;
}

export function startDeviceService(options: DeviceServiceOptions): DeviceService {
  const { config, hub } = options;
  const sources: (HidSource | SerialSource)[] = [];
  const report = (): void => void hub.reportHealth(sources.map((s) => ({ ...s.health }))).catch((err: Error) => options.onError?.(`health report failed: ${err.message}`));
  const scanned = (raw: string, device: string): void => options.onScan?.(classifyScan(raw), device);
  const press = (device: string, button: string, map: DevicesConfig['callButtons'][number]['map']): void => {
    const target = map[button];
    if (!target) return options.onError?.(`${device}: button ${button} is not mapped`);
    hub.counterAction(target.counterId, target.action).catch((err: Error) => options.onError?.(`${device}: ${target.action} at counter ${target.counterId} failed: ${err.message}`));
  };
  const needHid = (): HidApi => {
    if (!options.hid) throw new Error('a HID device is configured but no HID API was given');
    return options.hid;
  };

  for (const scanner of config.scanners) {
    if (scanner.hid) {
      const source = new HidSource(needHid(), { vendorId: scanner.hid.vendorId, productId: scanner.hid.productId }, { name: scanner.name, kind: 'scanner' }, options.pollMs);
      if (scanner.hid.mode === 'keyboard') {
        const decoder = new BootKeyboardDecoder({ terminator: scanner.hid.terminator, interCharTimeoutMs: 80, maxLength: 256 });
        source.on('report', (r: Buffer) => decoder.report(r).forEach((code) => scanned(code, scanner.name)));
      } else {
        const decoder = new HidPosDecoder();
        source.on('report', (r: Buffer) => {
          const scan = decoder.report(r);
          if (scan) scanned(scan.data.toString('latin1'), scanner.name);
        });
      }
      sources.push(source);
    } else if (scanner.serial) {
      const s = scanner.serial;
      const source = new SerialSource(s, { name: scanner.name, kind: 'scanner' }, options.pollMs);
      const parser = new ScannerFrameParser({ prefix: s.prefix, suffix: s.suffix, terminator: s.terminator, interCharTimeoutMs: 60, maxLength: 512 });
      source.on('data', (chunk: Buffer) => parser.push(chunk).forEach((code) => scanned(code, scanner.name)));
      sources.push(source);
    }
  }

  for (const button of config.callButtons) {
    if (button.hid) {
      const source = new HidSource(needHid(), { vendorId: button.hid.vendorId, productId: button.hid.productId }, { name: button.name, kind: 'call-button' }, options.pollMs);
      const decoder = new HidButtonDecoder(button.hid.reportId);
      source.on('report', (r: Buffer) => decoder.report(r).forEach((bit) => press(button.name, String(bit), button.map)));
      sources.push(source);
    } else if (button.serial) {
      const source = new SerialSource(button.serial, { name: button.name, kind: 'call-button' }, options.pollMs);
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
    health: () => sources.map((s) => ({ ...s.health })),
    async stop() {
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
      post(`/api/counters/${encodeURIComponent(counterId)}/${action}`, { idempotencyKey: `button-${Date.now()}-${++n}-${Math.random().toString(36).slice(2, 8)}` }),
    reportHealth: (devices) => post('/api/devices/health', { devices }),
  };
}
