import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The demo server serves the build at /react/, beside its API.
export default defineConfig({
  base: '/react/',
  plugins: [react()],
});
