import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// The demo server serves the build at /vue/, beside its API.
export default defineConfig({
  base: '/vue/',
  plugins: [vue()],
});
