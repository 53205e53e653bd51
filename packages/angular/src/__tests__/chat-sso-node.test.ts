// @vitest-environment node
import {
  createEnvironmentInjector,
  type EnvironmentInjector,
  Injector,
  PLATFORM_ID,
} from '@angular/core';
import { spartez } from '@chat-sso/core/widgets/spartez';
import { expect, it } from 'vitest';
import { ChatSSO, provideChatSSO } from '../index';

it('serves idle signals in node, where no window exists, without starting the store', async () => {
  let tokenRequests = 0;
  let windowReads = 0;
  const injector = createEnvironmentInjector(
    [
      { provide: PLATFORM_ID, useValue: 'server' },
      provideChatSSO({
        widget: spartez(),
        token: async () => {
          tokenRequests += 1;
          return { token: 'never asked for' };
        },
        env: {
          window: () => {
            windowReads += 1;
            return undefined;
          },
        },
      }),
    ],
    // No browser platform at all: nothing above the service's own providers is needed.
    Injector.NULL as EnvironmentInjector,
  );
  const chat = injector.get(ChatSSO);

  await chat.login();
  await chat.logout();

  expect(typeof window).toBe('undefined');
  expect([chat.status(), chat.user(), chat.error(), chat.expiresAt()]).toEqual([
    'idle',
    null,
    null,
    null,
  ]);
  expect({ tokenRequests, windowReads }).toEqual({ tokenRequests: 0, windowReads: 0 });
  injector.destroy();
});
