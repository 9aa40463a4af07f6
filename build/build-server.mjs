// Bundles the Node programs (our TypeScript) into dist/, run with plain `node`, no tsx:
//   dist/hub/main.mjs      the hub alone (build/hub.service)
//   dist/all-in-one.mjs    npm start: hub + embedded station + virtual printer
//   dist/station/main.mjs  npm run station on a kiosk PC
//   dist/hub/backup.mjs    online backup
// npm packages stay external (installed with `npm ci --omit=dev`): several are native
// (better-sqlite3, serialport, node-hid, usb, @napi-rs/canvas) or load files at run time.
// Each bundle sits as deep under dist/ as its source under the repo root, so the paths the
// programs resolve from import.meta.url (dist/web) are the same.
import { build } from 'esbuild';

export const SERVER_BUNDLES = {
  'hub/src/main.ts': 'dist/hub/main.mjs',
  'hub/src/backup-cli.ts': 'dist/hub/backup.mjs',
  'all-in-one/main.ts': 'dist/all-in-one.mjs',
  'kiosk/station/server.ts': 'dist/station/main.mjs',
};

export async function buildServer() {
  await Promise.all(
    Object.entries(SERVER_BUNDLES).map(([entry, outfile]) =>
      build({
        entryPoints: [entry],
        outfile,
        bundle: true,
        platform: 'node',
        target: 'node20.19',
        format: 'esm',
        packages: 'external',
        sourcemap: true,
        logLevel: 'warning',
      }),
    ),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await buildServer();
