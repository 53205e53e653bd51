/** The vendors whose widget and cloud are emulated. */
export type EmulatedVendor = 'spartez' | 'tiledesk' | 'medchat' | 'openweb' | 'zendesk';

/** Product names as the vendors write them; shown in the panel and in error messages. */
export const vendorTitles: Readonly<Record<EmulatedVendor, string>> = Object.freeze({
  spartez: 'Spartez Support Chat',
  tiledesk: 'Tiledesk',
  medchat: 'MedChat',
  openweb: 'OpenWeb',
  zendesk: 'Zendesk messaging',
});
