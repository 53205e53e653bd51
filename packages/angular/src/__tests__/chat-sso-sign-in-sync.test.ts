import { inject, provideEnvironmentInitializer } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { TestBed } from '@angular/core/testing';
import { type ChatSSOStatus, createChatSSO, type SiteUser } from '@chat-sso/core';
import { ada, grace, startTestSiteEachTest } from '@chat-sso/test-site';
import { BehaviorSubject, distinctUntilChanged, filter, firstValueFrom, map } from 'rxjs';
import { expect, it } from 'vitest';
import { ChatSSO, provideChatSSO } from '../index';

/** The app's own auth service, as the README's example assumes one. */
class AuthService {
  readonly user$ = new BehaviorSubject<SiteUser | null>(null);
}

/** The README's "drive it from your app's own sign-in" initializer, as written there. */
const syncChatWithSignIn = provideEnvironmentInitializer(() => {
  const chat = inject(ChatSSO);
  inject(AuthService)
    .user$.pipe(
      map((user) => user?.id ?? null),
      distinctUntilChanged(),
      takeUntilDestroyed(),
    )
    .subscribe((userId) => (userId ? chat.login() : chat.logout()));
});

const current = startTestSiteEachTest({ vendor: 'spartez' });

const settled = (chat: ChatSSO, status: ChatSSOStatus) =>
  firstValueFrom(chat.snapshot$.pipe(filter((snapshot) => snapshot.status === status)));

it('keeps the widget in step with the app’s sign-in, sign-out and user switch', async () => {
  // The previous visitor of this computer left the widget signed in.
  const previousPage = createChatSSO(current.site.options);
  current.site.signIn(grace);
  await previousPage.login();
  previousPage.destroy();
  expect(current.widget.state().user?.name).toBe('Grace Hopper');

  current.site.signOut();
  const auth = new AuthService();
  TestBed.configureTestingModule({
    providers: [
      { provide: AuthService, useValue: auth },
      provideChatSSO(current.site.options),
      syncChatWithSignIn,
    ],
  });
  const chat = TestBed.inject(ChatSSO);
  await settled(chat, 'signed_out');
  expect(current.widget.state().user).toBeNull();

  const signIn = (user: SiteUser | null) => {
    if (user) current.site.signIn(user);
    else current.site.signOut();
    auth.user$.next(user);
  };
  signIn(ada);
  await settled(chat, 'signed_in');
  expect(current.widget.state().user?.name).toBe('Ada Lovelace');

  signIn(grace);
  await firstValueFrom(
    chat.snapshot$.pipe(filter((snapshot) => snapshot.user?.name === 'Grace Hopper')),
  );
  expect(current.widget.state().user?.name).toBe('Grace Hopper');

  signIn(null);
  await settled(chat, 'signed_out');
  expect(current.widget.state().user).toBeNull();
});
