// @vitest-environment node
import { afterEach, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
});

it('imports, constructs and renders its snapshot without touching window or document', async () => {
  const touched: PropertyKey[] = [];
  const trap = new Proxy(
    {},
    {
      get: (_target, key) => {
        touched.push(key);
        throw new Error(`window.${String(key)} touched`);
      },
    },
  );
  vi.stubGlobal('window', trap);
  vi.stubGlobal('document', trap);
  const { createChatSSO, fetchToken } = await import('../index');
  const widgets = await Promise.all([
    import('../widgets/spartez'),
    import('../widgets/tiledesk'),
    import('../widgets/medchat'),
    import('../widgets/openweb'),
    import('../widgets/zendesk'),
  ]);
  const adapters = [
    widgets[0].spartez(),
    widgets[1].tiledesk(),
    widgets[2].medchat(),
    widgets[3].openweb({ provider: 'auth0' }),
    widgets[4].zendesk(),
  ];
  for (const widget of adapters) {
    const store = createChatSSO({ widget, token: fetchToken('/chat-token') });
    expect(store.getServerSnapshot()).toMatchObject({ status: 'idle', user: null });
    expect(store.getSnapshot()).toBe(store.getServerSnapshot());
    store.destroy();
  }
  expect(touched).toEqual([]);
});
