import type { CloudFaults, EmulatorHandle, EmulatorOptions } from '@chat-sso/emulators';
import type { CloudFaultId, PageOptions } from './page-options';
import type { DemoVendor } from './vendors';

/** The emulators' script-tag build, served by the demo server; it defines `window.ChatSSOEmulators`. */
export const EMULATORS_SCRIPT_URL = '/emulators/emulators.js';
/** How late a "slow" widget script arrives: well within `WIDGET_READY_TIMEOUT_MS`. */
export const SLOW_LOAD_MS = 2000;
/** With the new-user fault on, how long Spartez takes to create a user it has not seen. */
export const NEW_USER_DELAY_SECONDS = 2;

type Installer = (options: EmulatorOptions) => EmulatorHandle;

declare global {
  interface Window {
    ChatSSOEmulators?: Record<string, Installer>;
  }
}

const installers: Record<DemoVendor, string> = {
  spartez: 'installSpartezEmulator',
  tiledesk: 'installTiledeskEmulator',
  medchat: 'installMedChatEmulator',
  openweb: 'installOpenWebEmulator',
  zendesk: 'installZendeskEmulator',
};

/** The vendor's emulated widget, as the page embeds it. */
export interface DemoWidget {
  /** Loads the widget into `container`; the returned function takes it off the page again. */
  mount(container: HTMLElement): () => void;
  /** Switches the cloud faults: exactly these are on from the widget's next call. */
  setFaults(faults: readonly CloudFaultId[]): void;
}

function cloudFaults(faults: readonly CloudFaultId[]): CloudFaults {
  return {
    outage: faults.includes('outage'),
    hang: faults.includes('hang'),
    rejectTokens: faults.includes('rejectTokens'),
    newUserDelaySeconds: faults.includes('newUserDelay') ? NEW_USER_DELAY_SECONDS : 0,
  };
}

/** Adds the emulators' script once per page; resolves when it has run. */
function loadEmulatorsScript(document: Document): Promise<Record<string, Installer>> {
  const window = document.defaultView!;
  if (window.ChatSSOEmulators) return Promise.resolve(window.ChatSSOEmulators);
  let script = document.querySelector<HTMLScriptElement>(`script[src="${EMULATORS_SCRIPT_URL}"]`);
  if (!script) {
    script = document.createElement('script');
    script.src = EMULATORS_SCRIPT_URL;
    document.head.append(script);
  }
  return new Promise((resolve, reject) => {
    script.addEventListener('load', () =>
      window.ChatSSOEmulators
        ? resolve(window.ChatSSOEmulators)
        : reject(new Error('no emulators')),
    );
    script.addEventListener('error', () => reject(new Error(`${EMULATORS_SCRIPT_URL} failed`)));
  });
}

/**
 * The page's vendor widget, loaded the way a vendor's snippet is: its script
 * arrives at once, `SLOW_LOAD_MS` late, or never (`blocked`, as with an ad
 * blocker). chat-sso only sees the vendor's globals appear, or not.
 */
export function createDemoWidget(page: PageOptions): DemoWidget {
  let faults = cloudFaults(page.faults);
  let handle: EmulatorHandle | undefined;

  return {
    mount(container) {
      let mounted = true;
      const install = () =>
        loadEmulatorsScript(container.ownerDocument).then(
          (emulators) => {
            if (!mounted) return;
            handle = emulators[installers[page.vendor]]?.({
              container,
              vendorUrl: `/vendor/${page.vendor}`,
              faults,
            });
          },
          // The store then reports the widget unavailable, as a page would see it.
          () => undefined,
        );
      const timer =
        page.widget === 'blocked'
          ? undefined
          : setTimeout(install, page.widget === 'slow' ? SLOW_LOAD_MS : 0);
      return () => {
        mounted = false;
        clearTimeout(timer);
        handle?.uninstall();
        handle = undefined;
      };
    },
    setFaults(next) {
      faults = cloudFaults(next);
      handle?.setFaults(faults);
    },
  };
}
