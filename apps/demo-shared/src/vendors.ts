/** The vendors the demo shows, in the order of the vendor `<select>`. */
export const demoVendors = [
  { id: 'spartez', label: 'Spartez Support Chat' },
  { id: 'tiledesk', label: 'Tiledesk' },
  { id: 'medchat', label: 'MedChat' },
  { id: 'openweb', label: 'OpenWeb (Auth0)' },
  { id: 'zendesk', label: 'Zendesk messaging' },
] as const;

export type DemoVendor = (typeof demoVendors)[number]['id'];

export function isDemoVendor(value: unknown): value is DemoVendor {
  return demoVendors.some((vendor) => vendor.id === value);
}
