import { ChatSSOError } from './errors';
import type { ChatSSOEnv, WidgetAdapter } from './types';

/** How often to look for a widget that announces nothing, in ms. */
const POLL = 100;

/**
 * Resolves with the widget's API once its script has loaded: looks at once,
 * every 100 ms and whenever the widget's ready event fires; gives up with
 * `widget_unavailable` after `timeout` ms, or silently when `signal` aborts.
 */
export function waitForWidget<Api>(
  widget: WidgetAdapter<Api>,
  env: Pick<ChatSSOEnv, 'window' | 'setTimeout' | 'clearTimeout'>,
  timeout: number,
  signal: AbortSignal,
): Promise<Api> {
  return new Promise((resolve, reject) => {
    const document = env.window()?.document;
    let timer: unknown;
    let waited = 0;
    const stop = () => {
      env.clearTimeout(timer);
      if (widget.readyEvent) document?.removeEventListener(widget.readyEvent, look);
    };
    function look() {
      const window = env.window();
      const api = window && widget.find(window);
      if (api) {
        stop();
        resolve(api);
      }
      return api;
    }
    const poll = () => {
      if (look()) return;
      if (waited >= timeout) {
        stop();
        reject(
          new ChatSSOError('widget_unavailable', `${widget.name} did not load in ${timeout} ms`),
        );
      } else {
        waited += POLL;
        timer = env.setTimeout(poll, POLL);
      }
    };
    signal.addEventListener('abort', stop);
    if (widget.readyEvent) document?.addEventListener(widget.readyEvent, look);
    poll();
  });
}
