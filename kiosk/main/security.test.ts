/**
 * The Electron hardening, by what it does: navigation away from the hub refused, webviews and
 * new windows blocked, permissions denied. (Electron cannot run here; its objects are faked.)
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { denyPermissions, guardNavigation } from './security.ts';

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
    expect(attempt(contents, 'will-navigate', 'https://hub.local:8080/kiosk')).toBe(true);
    expect(attempt(contents, 'will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(attempt(contents, 'will-navigate', 'not a url')).toBe(true);
  });

  it('blocks pages that would run outside the hub origin: data:, javascript: and blob: of another origin', () => {
    expect(attempt(contents, 'will-navigate', 'data:text/html,<script>alert(1)</script>')).toBe(true);
    expect(attempt(contents, 'will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(attempt(contents, 'will-navigate', 'blob:https://evil.example/0e9c')).toBe(true);
  });

  it('lets a redirect stay on the hub (e.g. /kiosk to /kiosk?lang=en)', () => {
    expect(attempt(contents, 'will-redirect', 'http://hub.local:8080/kiosk?lang=en')).toBe(false);
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
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb']) {
      let granted: boolean | null = null;
      requestHandler!(null, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
    }
    expect(checkHandler!()).toBe(false);
  });
});
