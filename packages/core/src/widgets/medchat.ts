import type { WidgetAdapter } from '../types';

/** `window.medchatapp`. */
export interface MedChatApp {
  registerJWT(token: string): unknown;
  unVerifyUser(): unknown;
}

/**
 * MedChat JWT passthrough: `medchatapp.registerJWT(token)`, `medchatapp.unVerifyUser()`.
 * Messages are marked verified only while the token holds, so a new one is
 * registered before it expires.
 */
export function medchat(): WidgetAdapter<MedChatApp> {
  return {
    name: 'MedChat',
    find: (window) => {
      const app = (window as { medchatapp?: MedChatApp }).medchatapp;
      return app?.registerJWT ? app : undefined;
    },
    renew: true,
    login: async (app, token) => {
      await app.registerJWT(await token());
      return undefined;
    },
    logout: async (app) => {
      await app.unVerifyUser();
    },
  };
}
