import type { WidgetIdentity } from './wire';

/** The small visible box an emulated widget renders: who it believes is chatting. */
export interface WidgetPanel {
  readonly root: HTMLElement;
  /** Where a vendor adds its own parts (MedChat's greeting, OpenWeb's comment button). */
  readonly body: HTMLElement;
  show(user: WidgetIdentity | null, error: string | null): void;
  remove(): void;
}

const PANEL_STYLE =
  'font:14px/1.4 system-ui,sans-serif;border:1px solid #bbb;border-radius:8px;' +
  'padding:8px 12px;margin:8px 0;max-width:22rem;background:#fff;color:#222';

/**
 * Builds `tag` with attributes and text, through `document` so any window
 * works. `style` goes through the CSSOM, which a Content-Security-Policy
 * without 'unsafe-inline' still allows, unlike a style attribute.
 */
export function element(
  document: Document,
  tag: string,
  attributes: Record<string, string> = {},
  text = '',
): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'style') node.style.cssText = value;
    else node.setAttribute(name, value);
  }
  node.textContent = text;
  return node;
}

export function renderPanel(document: Document, container: Element, title: string): WidgetPanel {
  const root = element(document, 'section', {
    'data-chat-sso-emulator': title,
    'aria-label': `${title} (emulated)`,
    style: PANEL_STYLE,
  });
  const identity = element(document, 'span', {
    'data-testid': 'widget-identity',
    'data-verified': 'false',
  });
  const badge = element(document, 'span', { style: 'color:#087f23' }, ' ✓ verified');
  const error = element(document, 'p', { 'data-testid': 'widget-error', style: 'color:#b00020' });
  const heading = element(document, 'strong', {}, `${title} (emulated)`);
  const line = element(document, 'p', { style: 'margin:4px 0' }, 'Chatting as: ');
  const body = element(document, 'div');
  line.append(identity, badge);
  root.append(heading, line, error, body);
  container.append(root);

  const panel: WidgetPanel = {
    root,
    body,
    show(user, message) {
      identity.textContent = user?.name ?? 'Anonymous';
      identity.setAttribute('data-verified', String(user !== null));
      badge.hidden = user === null;
      error.textContent = message ?? '';
      error.hidden = message === null;
    },
    remove: () => root.remove(),
  };
  panel.show(null, null);
  return panel;
}
