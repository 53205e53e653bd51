/**
 * The sample apps the e2e suite drives, each served by the demo server at
 * `/<app>/`. Every flow runs once per app listed here; a listed app whose
 * build is missing fails. Add `'vue'` and `'angular'` when their apps exist.
 */
export const e2eApps = ['react', 'vue', 'angular'] as const;

export type E2EApp = (typeof e2eApps)[number];
