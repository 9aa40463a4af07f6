/**
 * The Electron shell, kept thin (DESIGN.md §2): one locked-down full-screen window showing the
 * role's page from the hub, the station service behind a typed IPC channel, a renderer that is
 * reloaded when it crashes or hangs, and a display that never sleeps. Everything it uses
 * beyond opening the window is plain Node and tested there.
 */
import { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, session } from 'electron';
import { join } from 'node:path';
import { startStation } from '../station/start-station.ts';
import { IPC_ISSUE_TICKET, IPC_SCAN, IPC_SUBMIT_SURVEY } from '../preload/channels.ts';
import { startDeviceService, httpDeviceHub } from '../devices/device-service.ts';
import { nodeHidApi } from '../devices/hid-source.ts';
import { denyPermissions } from './security.ts';
import { stationIpc } from './station-ipc.ts';
import { createStationWindow } from './window.ts';
import { kioskStationSettings, loadStationConfig, pageUrl } from './station-config.ts';

const configFile = process.env.STATION_CONFIG ?? join(app.getPath('userData'), 'station.json');
const config = loadStationConfig(configFile);

if (!app.requestSingleInstanceLock()) app.quit();

// The same station as `npm run station` and `npm start` (offline notebook, every printer).
const running = config.role === 'kiosk' ? startStation(kioskStationSettings(config, app.getPath('userData'))) : null;
const kioskStation = async () => {
  if (!running) throw new Error(`this station is a ${config.role}, not a kiosk`);
  return (await running).station;
};

const ipc = stationIpc(kioskStation);
ipcMain.handle(IPC_ISSUE_TICKET, (_event, raw: unknown) => ipc.issueTicket(raw));
ipcMain.handle(IPC_SUBMIT_SURVEY, (_event, raw: unknown) => ipc.submitSurvey(raw));

let mainWindow: ReturnType<typeof createStationWindow> | null = null;

function createWindow(): void {
  mainWindow = createStationWindow(BrowserWindow, { url: pageUrl(config), preloadPath: join(__dirname, 'preload.cjs'), fullscreen: config.fullscreen });
}

// Scanners and call buttons of this station: presses go to the hub, scans to the page.
if (config.devices && config.deviceToken) {
  const devices = config.devices;
  const needsHid = [...devices.scanners, ...devices.callButtons].some((d) => d.hid);
  void (needsHid ? nodeHidApi() : Promise.resolve(undefined)).then((hid) =>
    startDeviceService({
      config: devices,
      hub: httpDeviceHub(config.hubUrl, config.deviceToken!),
      ...(hid ? { hid } : {}),
      onScan: (_code, _device, raw) => (mainWindow as BrowserWindow | null)?.webContents.send(IPC_SCAN, raw), // the text: the page classifies it and dedupes it against keystrokes
      onError: (message) => console.warn(message),
    }),
  );
}

app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
void app.whenReady().then(() => {
  Menu.setApplicationMenu(null);
  denyPermissions(session.defaultSession);
  powerSaveBlocker.start('prevent-display-sleep');
  createWindow();
});
app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => void running?.then((r) => r.close()));
