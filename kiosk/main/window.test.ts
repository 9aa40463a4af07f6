import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createStationWindow, type WindowConstructor } from './window.ts';

class FakeWindow extends EventEmitter {
  static last: FakeWindow;
  loaded: string[] = [];
  reloads = 0;
  crashes = 0;
  readonly webContents = Object.assign(new EventEmitter(), {
    openHandler: null as unknown,
    setWindowOpenHandler: (h: unknown) => (this.webContents.openHandler = h),
    forcefullyCrashRenderer: () => {
      this.crashes += 1;
      this.webContents.emit('render-process-gone');
    },
  });
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeWindow.last = this;
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  reload(): void {
    this.reloads += 1;
  }
}

describe('createStationWindow', () => {
  const scheduled: (() => void)[] = [];
  createStationWindow(FakeWindow as unknown as WindowConstructor, {
    url: 'http://hub.local:8080/kiosk',
    preloadPath: '/app/preload.cjs',
    fullscreen: true,
    schedule: (fn) => scheduled.push(fn),
  });
  const w = FakeWindow.last;

  it('opens a full-screen kiosk window with the secure preferences on the role page', () => {
    expect(w.options).toMatchObject({ fullscreen: true, kiosk: true, autoHideMenuBar: true });
    expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false });
    expect(w.loaded).toEqual(['http://hub.local:8080/kiosk']);
  });

  it('blocks leaving the hub and opening windows', () => {
    let prevented = false;
    w.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://example.com/');
    expect(prevented).toBe(true);
    expect(typeof w.webContents.openHandler).toBe('function');
  });

  it('reloads a crashed renderer, crashes a hung one so it reloads, and retries a failed load', () => {
    w.webContents.emit('render-process-gone');
    expect(w.reloads).toBe(1);
    w.emit('unresponsive');
    expect([w.crashes, w.reloads]).toEqual([1, 2]);
    w.webContents.emit('did-fail-load');
    expect(scheduled).toHaveLength(1);
    scheduled[0]!();
    expect(w.loaded).toEqual(['http://hub.local:8080/kiosk', 'http://hub.local:8080/kiosk']);
  });
});
