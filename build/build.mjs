// `npm run build`: the web pages (vite → dist/web) and the Node programs (esbuild → dist/).
// `--if-needed` (npm start) skips each part whose output is newer than every source it is
// built from, so a newcomer's `npm start` builds once and then starts at once.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer, SERVER_BUNDLES } from './build-server.mjs';

const SOURCES = ['shared', 'hub', 'kiosk', 'display', 'all-in-one', 'package-lock.json', 'vite.config.ts', 'build/build-server.mjs'];

/** Newest modification time (ms) of a file or of any file under a folder. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Oldest modification time of the outputs, 0 when one is missing. */
const oldest = (files) => Math.min(...files.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));

const ifNeeded = process.argv.includes('--if-needed');
const sources = Math.max(...SOURCES.map(newest));

if (!ifNeeded || oldest(['dist/web/kiosk/renderer/kiosk.html', 'dist/web/display/index.html']) < sources) {
  console.log('building the web pages (vite)…');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
if (!ifNeeded || oldest(Object.values(SERVER_BUNDLES)) < sources) {
  console.log('bundling the hub and the station (esbuild)…');
  await buildServer();
}
