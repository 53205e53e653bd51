/**
 * Browser side of the emulators: each vendor's widget, installed on a window.
 * Free of jose and Node APIs; the vendor clouds live in `@chat-sso/emulators/cloud`.
 */
export type {
  EmulatorHandle,
  EmulatorOptions,
  EmulatorState,
  Timers,
  WidgetFaults,
} from './install-emulator';
export {
  DEFAULT_MEDCHAT_GREETING,
  installMedChatEmulator,
  type MedChatApp,
  type MedChatEmulatorOptions,
  type MedChatMessage,
  type MedChatState,
} from './medchat-emulator';
export {
  installOpenWebEmulator,
  type OpenWebComment,
  type OpenWebState,
  type OpenWebUserData,
  type SpotIM,
} from './openweb-emulator';
export { installSpartezEmulator, type SpartezSupportChat } from './spartez-emulator';
export {
  installTiledeskEmulator,
  type TiledeskEvent,
  type TiledeskWidget,
} from './tiledesk-emulator';
export { type EmulatedVendor, vendorTitles } from './vendors';
export * from './wire';
export {
  installZendeskEmulator,
  LoginFailedError,
  type ZendeskJwtCallback,
  type ZendeskLoginCallback,
  type ZendeskState,
} from './zendesk-emulator';
