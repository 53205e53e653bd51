import { type EmulatorHandle, type EmulatorOptions, installEmulator } from './install-emulator';
import { plainError } from './vendor-api';

/** `window.spartezSupportChat`, as Spartez documents it. */
export interface SpartezSupportChat {
  sso: {
    /** Resolves once logged in; otherwise throws an `Error` whose `message` is the reason. */
    login(token: string): Promise<void>;
    logout(): Promise<void>;
  };
}

/** Spartez Support Chat: `await spartezSupportChat.sso.login(token)` / `.logout()`. */
export function installSpartezEmulator(options: EmulatorOptions = {}): EmulatorHandle {
  return installEmulator('spartez', options, (widget) => {
    const spartezSupportChat: SpartezSupportChat = {
      sso: {
        login: async (token) => {
          try {
            await widget.signIn({ token });
          } catch (failure) {
            throw plainError(failure);
          }
        },
        logout: () => widget.signOut(),
      },
    };
    return { globals: { spartezSupportChat }, state: () => ({}) };
  });
}
