/**
 * The station window: full screen, locked down, showing the role's page; reloaded when its
 * renderer crashes or hangs, and retried while the page cannot load (the hub still starting).
 * Takes the BrowserWindow class as an argument so it is tested under plain Node.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { guardNavigation, secureWebPreferences } from './security.ts';

type WindowLike = Pick<BrowserWindow, 'loadURL' | 'reload' | 'on'> & {
  webContents: Pick<BrowserWindow['webContents'], 'on' | 'setWindowOpenHandler' | 'forcefullyCrashRenderer'>;
};

export type WindowConstructor = new (options: BrowserWindowConstructorOptions) => WindowLike;

export interface StationWindowOptions {
  url: string;
  preloadPath: string;
  fullscreen: boolean;
  retryMs?: number;
  schedule?: (fn: () => void, ms: number) => void;
}

export function stationWindowOptions(options: Pick<StationWindowOptions, 'fullscreen' | 'preloadPath'>): BrowserWindowConstructorOptions {
  return {
    fullscreen: options.fullscreen,
    kiosk: options.fullscreen,
    autoHideMenuBar: true,
    backgroundColor: '#0d1b2a',
    webPreferences: secureWebPreferences(options.preloadPath),
  };
}

export function createStationWindow(Window: WindowConstructor, options: StationWindowOptions): WindowLike {
  const schedule = options.schedule ?? ((fn, ms) => void setTimeout(fn, ms));
  const window = new Window(stationWindowOptions(options));
  guardNavigation(window.webContents as BrowserWindow['webContents'], new URL(options.url).origin);
  window.webContents.on('render-process-gone', () => window.reload());
  window.on('unresponsive', () => window.webContents.forcefullyCrashRenderer());
  window.webContents.on('did-fail-load', () => schedule(() => void window.loadURL(options.url), options.retryMs ?? 3000));
  void window.loadURL(options.url);
  return window;
}
