/**
 * The station's input devices at work: every configured scanner and call button opened (and
 * reopened after unplugging), decoded, validated, and turned into actions — a scan handed to
 * the page, a button press sent to the hub as its counter action — with device health reported
 * to the hub so the desk sees "scanner at kiosk 1 disconnected". Plain Node.
 */
import { ApiFailure, answerFrom, newIdempotencyKey, requestFor, type CallOptions } from '../../shared/src/api/client.ts';
import type { AnswerOf, CallInput, Endpoint } from '../../shared/src/api/endpoint.ts';
import { endpoints } from '../../shared/src/api/index.ts';
import { retryWaitMs } from '../../shared/src/retry-after.ts';
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

export interface DeviceHubOptions {
  /**
   * How long a button press may keep asking a hub that sheds load (503 + Retry-After) or does
   * not answer, with the same idempotency key, before it gives up and reports it. Default 5 s:
   * an advisor pressing "next" expects the call within a few seconds, not a minute later.
   */
  budgetMs?: number;
  /** One attempt's time limit. Default 2 s. */
  attemptMs?: number;
}

const pause = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** The hub's endpoint for each button action (shared/src/api: one contract for every client). */
const ACTION_ENDPOINTS = {
  'call-next': endpoints.callNext,
  recall: endpoints.recallAtCounter,
  'no-show': endpoints.noShowAtCounter,
} as const;

/** One request of the typed contract with its own time limit; an error status is an ApiFailure. */
async function send<E extends Endpoint>(endpoint: E, input: CallInput<E>, options: CallOptions, timeoutMs: number): Promise<AnswerOf<E>> {
  const { url, init } = requestFor(endpoint, input, options);
  return answerFrom(endpoint, await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) }));
}

/** The hub side of the device service over HTTP, with the station's device token. */
export function httpDeviceHub(baseUrl: string, token: string, options: DeviceHubOptions = {}): DeviceHub {
  /** Presses being retried, per counter and action: pressing again while one is under way joins it. */
  const underWay = new Map<string, Promise<void>>();
  /** One press: the same key on every attempt, so a hub that did the call and answered late (or not) replays it. */
  const attempt = async (counterId: string, action: keyof typeof ACTION_ENDPOINTS): Promise<void> => {
    const press = { baseUrl, token, idempotencyKey: newIdempotencyKey() };
    const deadline = Date.now() + (options.budgetMs ?? 5000);
    for (let attempts = 1; ; attempts++) {
      const left = deadline - Date.now();
      try {
        await send(ACTION_ENDPOINTS[action], { params: { counterId }, body: {} }, press, Math.max(100, Math.min(options.attemptMs ?? 2000, left)));
        return;
      } catch (err) {
        const wait = err instanceof ApiFailure ? retryWaitMs(err.status, err.retryAfterMs, deadline - Date.now()) : unanswered(err, deadline);
        if (wait === null) throw new Error(`${describe(err)} (gave up after ${attempts} attempt${attempts === 1 ? '' : 's'})`, { cause: err });
        await pause(wait);
      }
    }
  };
  // An advisor who sees nothing happen presses again: that is the same press, not a second recall.
  const counterAction = (counterId: string, action: keyof typeof ACTION_ENDPOINTS): Promise<void> => {
    const slot = `${counterId}:${action}`;
    const running = underWay.get(slot);
    if (running) return running;
    const press = attempt(counterId, action).finally(() => underWay.delete(slot));
    underWay.set(slot, press);
    return press;
  };
  const reportHealth = async (devices: DeviceHealth[]): Promise<void> => {
    await send(endpoints.reportDeviceHealth, { body: { devices } }, { baseUrl, token }, 5000);
  };
  return { counterAction, reportHealth };
}

/** No answer (timeout, refused, reset): the hub may or may not have called; ask again shortly while time is left. */
function unanswered(err: unknown, deadline: number): number | null {
  return err instanceof Error && deadline - Date.now() > 350 ? 200 : null;
}

function describe(err: unknown): string {
  if (err instanceof ApiFailure) return `${err.status} ${err.body.error}`;
  const code = err instanceof Error ? (err.cause as { code?: string } | undefined)?.code : undefined;
  if (code && ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code)) return `the hub cannot be reached (${code}): the call was not made`;
  // Timed out or cut off after sending: the hub may have made the call.
  return `no answer from the hub: the call may or may not have been made (${err instanceof Error ? err.message : String(err)})`;
}
