import { type EmulatorHandle, type EmulatorOptions, installEmulator } from './install-emulator';
import { VendorCallError } from './vendor-connection';

/** The site's answer to the widget: hand it a freshly minted JWT. */
export type ZendeskJwtCallback = (callback: (jwt: string) => void) => void;
/** `null` after a successful login, a {@link LoginFailedError} otherwise. */
export type ZendeskLoginCallback = (error: LoginFailedError | null) => void;

/**
 * Why a Zendesk login failed: `message` is the vendor's explanation (with every
 * broken rule); `reason` the cause as a code: `invalid_token`, `invalid_request`,
 * `unavailable`, `user_not_ready`, `network` or `jwt_callback` (the site's
 * callback threw or answered something other than a string).
 */
export class LoginFailedError extends Error {
  override name = 'LoginFailedError';
  readonly type = 'LoginFailedError';
  readonly reason: string;

  constructor(message: string, reason: string) {
    super(message);
    this.reason = reason;
  }
}

export interface ZendeskState {
  /** Whether the messenger window is open (`zE('messenger', 'open' | 'close')`). */
  open: boolean;
}

const COMMANDS = 'loginUser, logoutUser, open, close';

const loginFailed = (failure: unknown): LoginFailedError =>
  failure instanceof LoginFailedError
    ? failure
    : new LoginFailedError(
        failure instanceof Error ? failure.message : String(failure),
        failure instanceof VendorCallError ? failure.code : 'jwt_callback',
      );

/**
 * Zendesk messaging: `zE('messenger', 'loginUser', jwtCallback, loginCallback?)`.
 * The widget pulls its tokens: it calls `jwtCallback(callback)` at login and
 * again whenever its session expires (at the token's `exp`), and the site
 * answers `callback(jwt)`. `zE('messenger', 'logoutUser')` ends the session.
 */
export function installZendeskEmulator(
  options: EmulatorOptions = {},
): EmulatorHandle<ZendeskState> {
  return installEmulator('zendesk', options, (widget) => {
    let open = false;
    let renewal: unknown;
    // Each loginUser/logoutUser starts a new generation; older token answers are ignored.
    let generation = 0;

    function cancelRenewal(): void {
      if (renewal !== undefined) widget.timers.clearTimeout(renewal);
      renewal = undefined;
    }

    function askForToken(jwtCallback: ZendeskJwtCallback): Promise<string> {
      return new Promise((resolve, reject) => {
        try {
          jwtCallback((jwt) => {
            if (typeof jwt === 'string') resolve(jwt);
            else
              reject(
                new LoginFailedError('jwtCallback answered without a JWT string', 'jwt_callback'),
              );
          });
        } catch (failure) {
          reject(loginFailed(failure));
        }
      });
    }

    async function authenticate(
      current: number,
      jwtCallback: ZendeskJwtCallback,
      loginCallback: ZendeskLoginCallback | undefined,
    ): Promise<void> {
      const renewing = widget.user() !== null;
      try {
        const token = await askForToken(jwtCallback);
        if (current !== generation) return;
        const { expiresAt } = await widget.signIn({ token });
        if (current !== generation) return;
        const delay = Math.max(0, expiresAt * 1000 - widget.now());
        renewal = widget.timers.setTimeout(() => {
          renewal = undefined;
          void authenticate(current, jwtCallback, loginCallback);
        }, delay);
        loginCallback?.(null);
      } catch (failure) {
        if (current !== generation) return;
        const error = loginFailed(failure);
        // A session that cannot be renewed has ended: the widget is anonymous again.
        if (renewing) await widget.signOut().catch(() => undefined);
        widget.fail(error.message);
        loginCallback?.(error);
      }
    }

    function zE(namespace: string, command: string, ...args: unknown[]): void {
      if (namespace !== 'messenger') {
        throw new TypeError(
          `zE: unknown namespace ${JSON.stringify(namespace)}; expected "messenger"`,
        );
      }
      switch (command) {
        case 'loginUser': {
          const [jwtCallback, loginCallback] = args;
          if (typeof jwtCallback !== 'function') {
            throw new TypeError(
              'zE("messenger", "loginUser", jwtCallback): jwtCallback must be a function',
            );
          }
          generation += 1;
          cancelRenewal();
          void authenticate(
            generation,
            jwtCallback as ZendeskJwtCallback,
            typeof loginCallback === 'function'
              ? (loginCallback as ZendeskLoginCallback)
              : undefined,
          );
          return;
        }
        case 'logoutUser':
          generation += 1;
          cancelRenewal();
          widget.signOut().catch(() => undefined);
          return;
        case 'open':
        case 'close':
          open = command === 'open';
          return;
        default:
          throw new TypeError(
            `zE: unknown messenger command ${JSON.stringify(command)}; the emulator supports ${COMMANDS}`,
          );
      }
    }

    return {
      globals: { zE },
      state: () => ({ open }),
      dispose: cancelRenewal,
    };
  });
}
