import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import { runnerImport } from 'vite';
import react from '@vitejs/plugin-react';

// `import 'virtual:antd-styles.css'` (main.tsx): in a build, the stylesheet of every antd component
// the app imports under the app's theme, made by build/antdStyles.tsx so antd does not generate it
// at start-up; under `vite dev` and vitest, empty (antd then generates it at run time, as it would
// anyway for anything the file lacks). DINGBIND_ANTD_RUNTIME_STYLES=1 builds without it, to measure
// the difference (docs/benchmarks.md).
function antdStaticStyles(): Plugin {
  const id = 'virtual:antd-styles.css';
  let build = false;
  return {
    name: 'dingbind:antd-static-styles',
    configResolved(config) {
      build = config.command === 'build' && !process.env.DINGBIND_ANTD_RUNTIME_STYLES;
    },
    resolveId: (source) => (source === id ? `\0${id}` : null),
    async load(source) {
      if (source !== `\0${id}`) return null;
      if (!build) return '';
      const { module } = await runnerImport<typeof import('./build/antdStyles')>('./build/antdStyles.tsx', {
        configFile: false,
        logLevel: 'warn',
      });
      const components = module.importedComponents(new URL('./src', import.meta.url).pathname);
      const css = module.antdStaticCss(components);
      this.info(`antd styles for ${components.length} components, ${(css.length / 1000).toFixed(0)} kB`);
      return css;
    },
  };
}

// The app icon lives in ../icons (Tauri's folder); the UI shows it too.
export default defineConfig({
  plugins: [react(), antdStaticStyles()],
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
