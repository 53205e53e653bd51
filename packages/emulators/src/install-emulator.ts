import { createVendorConnection } from './vendor-connection';
import type { EmulatedVendor } from './vendors';
import { vendorTitles } from './vendors';
import { renderPanel, type WidgetPanel } from './widget-panel';
import type { CloudFaults, LoginRequest, LoginResponse, WidgetIdentity } from './wire';

/** Faults an emulated widget can show: the cloud's, plus how its script loads. */
export interface WidgetFaults extends CloudFaults {
  /** The script loads this many milliseconds late: globals, panel and ready events appear then. */
  loadDelayMs?: number;
  /** The script never loads (blocked by an ad blocker, a CSP, a network error). */
  neverLoads?: boolean;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface EmulatorOptions {
  /** The window to install the vendor's globals on; default `globalThis.window`. */
  window?: Window;
  /** Where the panel goes; default the window's `document.body` when the script loads. */
  container?: Element;
  /** Base URL of the vendor cloud (see `createVendorCloud`); default `/vendor/<vendor>`. */
  vendorUrl?: string;
  /** How the widget calls its cloud; default the window's `fetch`. */
  fetch?: typeof fetch;
  /** Default the window's `setTimeout`/`clearTimeout`, looked up at each call. */
  timers?: Timers;
  /** The widget's clock in milliseconds; default `Date.now`. */
  now?: () => number;
  faults?: WidgetFaults;
}

/** What the widget believes, as plain data. */
export interface EmulatorState {
  vendor: EmulatedVendor;
  /** Whether the script has loaded: the globals exist and the panel is shown. */
  loaded: boolean;
  /** Who the widget chats as; `null` when anonymous. */
  user: WidgetIdentity | null;
  /** Whether the vendor verified `user` (false when anonymous). */
  verified: boolean;
  /** The last error the widget reported, in the vendor's words. */
  error: string | null;
  faults: WidgetFaults;
}

export interface EmulatorHandle<Extra extends object = object> {
  state(): EmulatorState & Extra;
  /**
   * Merges `faults` into the current ones (pass `false`/`0` to switch one off).
   * Cloud faults apply from the next call; before the script has loaded, the
   * load is rescheduled under the new `loadDelayMs`/`neverLoads`.
   */
  setFaults(faults: WidgetFaults): void;
  /** Resolves once every call the page has made so far has been served (tests, e2e). */
  idle(): Promise<void>;
  /** Removes the globals and the panel; calls still pending reject. */
  uninstall(): void;
}

/** What the shared runtime gives one vendor's emulation. */
export interface WidgetRuntime {
  readonly window: Window;
  readonly document: Document;
  readonly timers: Timers;
  now(): number;
  user(): WidgetIdentity | null;
  /**
   * Logs in at the vendor cloud. Calls are served one after another, in the
   * order the page made them, as a widget's own queue would.
   */
  signIn(request: LoginRequest): Promise<LoginResponse>;
  /** Forgets the user, then tells the cloud (best effort: a logout never fails). */
  signOut(): Promise<void>;
  /** Shows `message` as the widget's last error. */
  fail(message: string): void;
  /** Dispatches a `CustomEvent` made by the widget's own window. */
  emit(target: EventTarget, type: string, detail?: unknown): void;
}

/** One vendor's emulation, built on the shared runtime. */
export interface VendorEmulation<Extra extends object> {
  /** The vendor's globals, put on the window when the script loads. */
  globals: Record<string, unknown>;
  /** Runs once the globals exist and the panel is in the page (vendor parts, ready events). */
  loaded?(panel: WidgetPanel): void;
  /** Redraws the vendor's own parts of the panel after a change. */
  render?(): void;
  state(): Extra;
  dispose?(): void;
}

function defaultWindow(): Window {
  const win = (globalThis as { window?: Window }).window;
  if (!win) throw new TypeError('no window to install the emulator on: pass options.window');
  return win;
}

/** Installs one vendor's emulation: load faults, panel, cloud calls, state and uninstall. */
export function installEmulator<Extra extends object>(
  vendor: EmulatedVendor,
  options: EmulatorOptions,
  emulate: (runtime: WidgetRuntime) => VendorEmulation<Extra>,
): EmulatorHandle<Extra> {
  const win = options.window ?? defaultWindow();
  const title = vendorTitles[vendor];
  const globalsOf = win as unknown as Record<string, unknown>;
  const timers: Timers = options.timers ?? {
    setTimeout: (callback, ms) => win.setTimeout(callback, ms),
    clearTimeout: (handle) => win.clearTimeout(handle as number),
  };
  let faults: WidgetFaults = { ...options.faults };
  let user: WidgetIdentity | null = null;
  let session: string | null = null;
  let error: string | null = null;
  let panel: WidgetPanel | undefined;
  let pendingLoad: unknown;
  let uninstalled = false;
  let queue: Promise<unknown> = Promise.resolve();

  const connection = createVendorConnection({
    vendor,
    vendorUrl: options.vendorUrl ?? `/vendor/${vendor}`,
    pageUrl: win.location.href,
    fetch: options.fetch ?? ((input, init) => (win.fetch ?? globalThis.fetch)(input, init)),
    faults: () => faults,
  });

  function changed(): void {
    if (!panel) return;
    panel.show(user, error);
    emulation.render?.();
  }

  function serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(() => {
      if (uninstalled) throw new Error(`the ${title} emulator was uninstalled`);
      return task();
    });
    queue = run.catch(() => undefined);
    return run;
  }

  const runtime: WidgetRuntime = {
    window: win,
    document: win.document,
    timers,
    now: options.now ?? (() => Date.now()),
    user: () => user,
    signIn: (request) =>
      serialize(async () => {
        try {
          const result = await connection.login(request);
          if (!uninstalled) {
            session = result.session;
            user = result.user;
            error = null;
          }
          return result;
        } catch (failure) {
          error = failure instanceof Error ? failure.message : String(failure);
          throw failure;
        } finally {
          changed();
        }
      }),
    signOut: () =>
      serialize(async () => {
        const ending = session;
        session = null;
        user = null;
        error = null;
        changed();
        if (ending) await connection.logout(ending).catch(() => undefined);
      }),
    fail(message) {
      error = message;
      changed();
    },
    emit(target, type, detail) {
      const { CustomEvent } = win as Window & typeof globalThis;
      target.dispatchEvent(new CustomEvent(type, { detail }));
    },
  };

  const emulation = emulate(runtime);

  function load(): void {
    pendingLoad = undefined;
    panel = renderPanel(win.document, options.container ?? win.document.body, title);
    Object.assign(win, emulation.globals);
    emulation.loaded?.(panel);
    changed();
  }

  function scheduleLoad(): void {
    if (panel || uninstalled) return;
    if (pendingLoad !== undefined) timers.clearTimeout(pendingLoad);
    pendingLoad = undefined;
    if (faults.neverLoads) return;
    const delay = faults.loadDelayMs ?? 0;
    if (delay > 0) pendingLoad = timers.setTimeout(load, delay);
    else load();
  }

  scheduleLoad();

  return {
    state: () => ({
      vendor,
      loaded: panel !== undefined,
      user,
      verified: user !== null,
      error,
      faults: { ...faults },
      ...emulation.state(),
    }),
    setFaults(next) {
      const hung = faults.hang;
      faults = { ...faults, ...next };
      // The hang is over: the widget gives up on the logins the cloud held.
      if (hung && !faults.hang) connection.abandon();
      scheduleLoad();
    },
    idle: () => queue.then(() => undefined),
    uninstall() {
      if (uninstalled) return;
      uninstalled = true;
      connection.abandon();
      if (pendingLoad !== undefined) timers.clearTimeout(pendingLoad);
      for (const [name, value] of Object.entries(emulation.globals)) {
        if (globalsOf[name] === value) delete globalsOf[name];
      }
      emulation.dispose?.();
      panel?.remove();
      panel = undefined;
    },
  };
}
