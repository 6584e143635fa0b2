import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The app icon lives in ../icons (Tauri's folder); the UI shows it too.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true, fs: { allow: ['..'] } },
  build: { target: 'safari15', chunkSizeWarningLimit: 2000 },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    // antd renders slowly in jsdom; leave room on a loaded machine.
    testTimeout: 20000,
  },
});
