import { type EmulatorHandle, type EmulatorOptions, installEmulator } from './install-emulator';
import { plainError } from './vendor-api';
import { element } from './widget-panel';
import { isOpenWebProvider, type OpenWebProvider, openWebProviders } from './wire';

/** What `startSSOForProvider` resolves with. */
export interface OpenWebUserData {
  /** The identity provider's id for the user. */
  id: string;
  displayName: string;
  email?: string;
  provider: OpenWebProvider;
}

/** `window.SPOTIM`, as OpenWeb documents it. */
export interface SpotIM {
  /** Resolves with the user's data; rejects with an `Error` whose `message` is the reason. */
  startSSOForProvider(options: {
    provider: OpenWebProvider;
    token: string;
  }): Promise<OpenWebUserData>;
  logout(): Promise<void>;
}

export interface OpenWebComment {
  author: string;
  text: string;
}

export interface OpenWebState {
  comments: OpenWebComment[];
}

/**
 * OpenWeb (Spot.IM) third-party SSO: `window.SPOTIM.startSSOForProvider({provider, token})`
 * and `window.SPOTIM.logout()`. Dispatches `spot-im-api-ready` on `document`
 * once loaded; its "Write a comment" button dispatches `spot-im-login-start`
 * on `document` when nobody is logged in, so the site starts its own login.
 */
export function installOpenWebEmulator(
  options: EmulatorOptions = {},
): EmulatorHandle<OpenWebState> {
  return installEmulator('openweb', options, (widget) => {
    const comments: OpenWebComment[] = [];
    let commentList: HTMLElement | undefined;

    function render(): void {
      commentList?.replaceChildren(
        ...comments.map(({ author, text }) =>
          element(widget.document, 'li', {}, `${author}: ${text}`),
        ),
      );
    }

    const SPOTIM: SpotIM = {
      async startSSOForProvider(sso) {
        const provider = sso?.provider;
        if (!isOpenWebProvider(provider)) {
          const reason = `unknown SSO provider ${JSON.stringify(provider)}; OpenWeb supports ${openWebProviders.join(', ')}`;
          widget.fail(reason);
          throw new Error(reason);
        }
        try {
          const { user } = await widget.signIn({ provider, token: sso.token });
          return { id: user.id, displayName: user.name, email: user.email, provider };
        } catch (failure) {
          throw plainError(failure);
        }
      },
      logout: () => widget.signOut(),
    };

    return {
      globals: { SPOTIM },
      loaded(panel) {
        const write = element(
          widget.document,
          'button',
          { type: 'button', 'data-testid': 'widget-comment' },
          'Write a comment',
        );
        commentList = element(widget.document, 'ul', { 'data-testid': 'widget-comments' });
        write.addEventListener('click', () => {
          const user = widget.user();
          if (!user) {
            widget.emit(widget.document, 'spot-im-login-start');
            return;
          }
          comments.push({ author: user.name, text: 'Great article!' });
          render();
        });
        panel.body.append(write, commentList);
        widget.emit(widget.document, 'spot-im-api-ready');
      },
      render,
      state: () => ({ comments: comments.map((comment) => ({ ...comment })) }),
    };
  });
}
