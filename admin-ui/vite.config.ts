import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Where `vite build` writes. Maven sets ADMIN_UI_OUT_DIR to target/classes/static/admin so that
// the jar carries the console and license-api serves it at /admin/; a plain `npm run build` writes dist/.
const outDir = process.env.ADMIN_UI_OUT_DIR ?? 'dist';

// The API the dev server forwards to (`npm run dev`); license-api listens on 8080 by default.
const apiTarget = process.env.VOUCHER_API_URL ?? 'http://localhost:8080';

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/actuator': { target: apiTarget, changeOrigin: true },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
