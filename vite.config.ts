import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// One build for the web pages the hub serves (/kiosk, /desk, /display, …) and the group server's /group.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: {
        kiosk: resolve(import.meta.dirname, 'kiosk/renderer/kiosk.html'),
        desk: resolve(import.meta.dirname, 'kiosk/renderer/desk.html'),
        workshop: resolve(import.meta.dirname, 'kiosk/renderer/workshop.html'),
        manager: resolve(import.meta.dirname, 'kiosk/renderer/manager.html'),
        arrivals: resolve(import.meta.dirname, 'kiosk/renderer/arrivals.html'),
        display: resolve(import.meta.dirname, 'display/index.html'),
        track: resolve(import.meta.dirname, 'display/track.html'),
        group: resolve(import.meta.dirname, 'group/web/index.html'),
      },
    },
  },
});
