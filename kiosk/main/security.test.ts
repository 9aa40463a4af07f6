import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { denyPermissions, guardNavigation, secureWebPreferences } from './security.ts';

describe('secureWebPreferences', () => {
  it('holds the Electron security checklist', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
  });
});

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
}

const attempt = (contents: FakeContents, event: string, url?: string): boolean => {
  let prevented = false;
  contents.emit(event, { preventDefault: () => (prevented = true) }, url);
  return prevented;
};

describe('guardNavigation', () => {
  const contents = new FakeContents();
  guardNavigation(contents as never, 'http://hub.local:8080');

  it('allows pages of the hub', () => {
    expect(attempt(contents, 'will-navigate', 'http://hub.local:8080/kiosk?lang=en')).toBe(false);
  });

  it('blocks navigation and redirects anywhere else', () => {
    expect(attempt(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(attempt(contents, 'will-navigate', 'http://hub.local:9999/')).toBe(true);
    expect(attempt(contents, 'will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(attempt(contents, 'will-navigate', 'not a url')).toBe(true);
  });

  it('blocks webviews and new windows', () => {
    expect(attempt(contents, 'will-attach-webview')).toBe(true);
    expect(contents.openHandler?.({ url: 'http://hub.local:8080/desk' })).toEqual({ action: 'deny' });
  });
});

describe('denyPermissions', () => {
  it('refuses every permission request and check', () => {
    let requestHandler: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | null = null;
    let checkHandler: (() => boolean) | null = null;
    denyPermissions({
      setPermissionRequestHandler: (h: never) => (requestHandler = h),
      setPermissionCheckHandler: (h: never) => (checkHandler = h),
    } as never);
    let granted: boolean | null = null;
    requestHandler!(null, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(checkHandler!()).toBe(false);
  });
});
