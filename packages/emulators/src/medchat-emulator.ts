import { type EmulatorHandle, type EmulatorOptions, installEmulator } from './install-emulator';
import { observed, plainError } from './vendor-api';
import { element } from './widget-panel';

/** `window.medchatapp`, as MedChat documents it. */
export interface MedChatApp {
  /** Resolves once the user is verified; rejects with an `Error` whose `message` is the reason. */
  registerJWT(token: string): Promise<void>;
  /** Messages sent from now on are no longer marked verified. */
  unVerifyUser(): Promise<void>;
}

export interface MedChatEmulatorOptions extends EmulatorOptions {
  /** The widget greeting; `{{verified-user.verifiedName}}` becomes the verified name or ''. */
  greeting?: string;
}

/** A message sent from the widget, as the agent would see it. */
export interface MedChatMessage {
  text: string;
  from: string;
  verified: boolean;
}

export interface MedChatState {
  /** The greeting as rendered. */
  greeting: string;
  messages: MedChatMessage[];
}

const VERIFIED_NAME = '{{verified-user.verifiedName}}';
export const DEFAULT_MEDCHAT_GREETING = `Hello ${VERIFIED_NAME}! How can we help you today?`;

/**
 * MedChat JWT passthrough: `window.medchatapp.registerJWT(token)` and
 * `unVerifyUser()`. The panel shows the greeting with the verified name
 * substituted and a "Send" button whose messages are marked verified or not.
 */
export function installMedChatEmulator(
  options: MedChatEmulatorOptions = {},
): EmulatorHandle<MedChatState> {
  const template = options.greeting ?? DEFAULT_MEDCHAT_GREETING;
  return installEmulator('medchat', options, (widget) => {
    const messages: MedChatMessage[] = [];
    let greetingLine: HTMLElement | undefined;
    let messageList: HTMLElement | undefined;

    const greeting = () => template.replaceAll(VERIFIED_NAME, widget.user()?.name ?? '');

    function render(): void {
      if (!greetingLine || !messageList) return;
      greetingLine.textContent = greeting();
      messageList.replaceChildren(
        ...messages.map((message) =>
          element(
            widget.document,
            'li',
            { 'data-verified': String(message.verified) },
            `${message.from}: ${message.text} (${message.verified ? 'verified' : 'not verified'})`,
          ),
        ),
      );
    }

    const medchatapp: MedChatApp = {
      registerJWT: (token) =>
        observed(
          widget.signIn({ token }).then(
            () => undefined,
            (failure) => Promise.reject(plainError(failure)),
          ),
        ),
      unVerifyUser: () => widget.signOut(),
    };

    return {
      globals: { medchatapp },
      loaded(panel) {
        const { document } = widget;
        greetingLine = element(document, 'p', { 'data-testid': 'widget-greeting' });
        const input = element(document, 'input', {
          'data-testid': 'widget-message-input',
          'aria-label': 'Message',
          value: 'Hello',
        }) as HTMLInputElement;
        const send = element(
          document,
          'button',
          { type: 'button', 'data-testid': 'widget-send' },
          'Send',
        );
        messageList = element(document, 'ul', { 'data-testid': 'widget-messages' });
        send.addEventListener('click', () => {
          const user = widget.user();
          messages.push({
            text: input.value,
            from: user?.name ?? 'Anonymous',
            verified: user !== null,
          });
          render();
        });
        panel.body.append(greetingLine, input, send, messageList);
      },
      render,
      state: () => ({ greeting: greeting(), messages: messages.map((m) => ({ ...m })) }),
    };
  });
}
