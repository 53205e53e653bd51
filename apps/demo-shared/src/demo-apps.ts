/** The three sample apps, each served by the demo server under its path. */
export const demoApps = [
  { id: 'react', label: 'React', path: '/react/' },
  { id: 'vue', label: 'Vue', path: '/vue/' },
  { id: 'angular', label: 'Angular', path: '/angular/' },
] as const;

export type DemoAppId = (typeof demoApps)[number]['id'];
