/**
 * The Electron shell, kept thin (DESIGN.md §2): one locked-down full-screen window showing the
 * role's page from the hub, the station service behind a typed IPC channel, a renderer that is
 * reloaded when it crashes or hangs, and a display that never sleeps. Everything it uses
 * beyond opening the window is plain Node and tested there.
 */
import { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, session } from 'electron';
import { join } from 'node:path';
import { StationTicketRequest, SurveyRequest } from '../../shared/src/protocol.ts';
import { validationError } from '../../shared/src/validation.ts';
import { openPrinterFor } from '../printer/open-printer.ts';
import { httpHubClient } from '../station/hub-client.ts';
import { listenForReprints } from '../station/reprints.ts';
import { createStation } from '../station/station.ts';
import { IPC_ISSUE_TICKET, IPC_SUBMIT_SURVEY } from '../preload/channels.ts';
import { denyPermissions, guardNavigation, secureWebPreferences } from './security.ts';
import { loadStationConfig, pageUrl } from './station-config.ts';

const configFile = process.env.STATION_CONFIG ?? join(app.getPath('userData'), 'station.json');
const config = loadStationConfig(configFile);

if (!app.requestSingleInstanceLock()) app.quit();

const station = createStation({
  hub: httpHubClient(config.hubUrl, { token: config.deviceToken }),
  openPrinter: () => openPrinterFor(config.printer),
  publicUrl: config.hubUrl,
  paper: config.paper,
  log: (message) => console.warn(message),
});

if (config.deviceToken) listenForReprints(config.hubUrl, config.deviceToken, station, (m) => console.warn(m));

ipcMain.handle(IPC_ISSUE_TICKET, async (_event, raw: unknown) => {
  const parsed = StationTicketRequest.safeParse(raw);
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
  try {
    return { ok: true, result: await station.issueTicket(parsed.data) };
  } catch (err) {
    return { ok: false, error: { error: 'station_error', message: err instanceof Error ? err.message : String(err) } };
  }
});

ipcMain.handle(IPC_SUBMIT_SURVEY, async (_event, raw: unknown) => {
  const parsed = SurveyRequest.safeParse(raw);
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
  try {
    await station.submitSurvey(parsed.data);
    return { ok: true, result: null };
  } catch (err) {
    return { ok: false, error: { error: 'station_error', message: err instanceof Error ? err.message : String(err) } };
  }
});

function createWindow(): void {
  const url = pageUrl(config);
  const window = new BrowserWindow({
    fullscreen: config.fullscreen,
    kiosk: config.fullscreen,
    autoHideMenuBar: true,
    backgroundColor: '#0d1b2a',
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')),
  });
  guardNavigation(window.webContents, new URL(url).origin);
  window.webContents.on('render-process-gone', () => window.reload());
  window.on('unresponsive', () => window.webContents.forcefullyCrashRenderer());
  // The hub may still be starting: retry until the page loads.
  window.webContents.on('did-fail-load', () => setTimeout(() => void window.loadURL(url), 3000));
  void window.loadURL(url);
}

app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
void app.whenReady().then(() => {
  Menu.setApplicationMenu(null);
  denyPermissions(session.defaultSession);
  powerSaveBlocker.start('prevent-display-sleep');
  createWindow();
});
app.on('window-all-closed', () => app.quit());
