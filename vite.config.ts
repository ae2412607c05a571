import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The web client: sources in src/client, index.html at the repo root, output in dist/client. */
export default defineConfig({
  root: '.',
  plugins: [react()],
  publicDir: 'src/client/public',
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    // The CSP forbids inline scripts; keep every asset a separate file.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
