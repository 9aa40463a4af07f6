// Bundles the Electron main process and preload into dist/electron/ (CommonJS, as Electron
// loads them). Native modules and Electron itself stay external.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  // escpos loads its optional adapters (usb, bluetooth) with dynamic require: keep it in node_modules.
  external: ['electron', 'better-sqlite3', 'serialport', 'node-hid', 'usb', '@napi-rs/canvas'],
  logLevel: 'info',
};

await build({ ...common, entryPoints: ['kiosk/main/main.ts'], outfile: 'dist/electron/main.cjs' });
await build({ ...common, entryPoints: ['kiosk/preload/preload.ts'], outfile: 'dist/electron/preload.cjs' });
