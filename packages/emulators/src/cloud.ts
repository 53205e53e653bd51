/**
 * Server side of the emulators: each vendor's cloud as a Web-standard request
 * handler, and the identity provider behind OpenWeb's SSO. Uses jose and
 * WebCrypto only, so it runs in Node, Bun, Deno and edge runtimes.
 */
export {
  createVendorCloud,
  type OpenWebCloudOptions,
  type SharedSecretCloudOptions,
  type VendorCloud,
  type VendorCloudOptions,
  type ZendeskCloudOptions,
} from './create-vendor-cloud';
export {
  createIdentityProvider,
  type IdentityProvider,
  type IdentityProviderOptions,
  type IdentityProviderUser,
} from './identity-provider';
export type {
  Auth0Settings,
  GigyaSettings,
  OpenWebProviderSettings,
  PianoSettings,
} from './openweb-verifier';
export { type EmulatedVendor, vendorTitles } from './vendors';
export * from './wire';
