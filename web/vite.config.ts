// The UI is served by `kaiyuan serve` from the binary (src/kaiyuan/server/web_ui.cpp), so the
// build must satisfy its Content-Security-Policy: no inline script or style, no eval. Vite's
// module preload polyfill is inline-free; the CSS goes to a file.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    target: 'es2022',
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
