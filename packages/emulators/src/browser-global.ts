/**
 * The script-tag build: `<script src=".../emulators.iife.js">` defines
 * `window.ChatSSOEmulators` with every `install<Vendor>Emulator`.
 */
export {
  installMedChatEmulator,
  installOpenWebEmulator,
  installSpartezEmulator,
  installTiledeskEmulator,
  installZendeskEmulator,
} from './index';
