import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Paths from this file's URL, so the config works from any working directory (no Node types needed).
const here = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname);

// The console is a static SPA served by the Junction server at `/`; everything is bundled (no CDN).
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npx vite console` for development against a running server.
    proxy: { '/api': 'http://127.0.0.1:8420' },
  },
});
