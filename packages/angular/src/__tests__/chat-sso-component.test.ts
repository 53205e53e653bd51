import { Component, inject, provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { ChatSSOStatus } from '@chat-sso/core';
import { ada, grace, startTestSiteEachTest } from '@chat-sso/test-site';
import { describe, expect, it } from 'vitest';
import { ChatSSO, provideChatSSO } from '../index';

@Component({
  selector: 'app-chat-status',
  template: `<span data-status>{{ chat.status() }}</span>
    <span data-user>{{ chat.user()?.name ?? 'nobody' }}</span>
    <span data-flags>{{ chat.isAuthenticated() ? 'authenticated' : 'anonymous' }}{{ chat.isLoading() ? ', loading' : '' }}</span>`,
})
class ChatStatusComponent {
  readonly chat = inject(ChatSSO);
}

const current = startTestSiteEachTest({ vendor: 'spartez' });

function render(): ComponentFixture<ChatStatusComponent> {
  TestBed.configureTestingModule({
    providers: [provideZonelessChangeDetection(), provideChatSSO(current.site.options)],
  });
  return TestBed.createComponent(ChatStatusComponent);
}

const shown = (fixture: ComponentFixture<unknown>) => {
  const element = fixture.nativeElement as HTMLElement;
  const text = (selector: string) => element.querySelector(selector)?.textContent;
  return { status: text('[data-status]'), user: text('[data-user]'), flags: text('[data-flags]') };
};

describe('a standalone component reading the ChatSSO signals (zoneless)', () => {
  it('follows login and logout of the real Spartez widget', async () => {
    const fixture = render();
    const { chat } = fixture.componentInstance;
    await fixture.whenStable();
    expect(shown(fixture)).toEqual({ status: 'idle', user: 'nobody', flags: 'anonymous' });

    current.site.signIn(ada);
    const login = chat.login();
    fixture.detectChanges();
    expect(shown(fixture)).toEqual({
      status: 'signing_in',
      user: 'nobody',
      flags: 'anonymous, loading',
    });

    await login;
    await fixture.whenStable();
    expect(shown(fixture)).toEqual({
      status: 'signed_in',
      user: 'Ada Lovelace',
      flags: 'authenticated',
    });
    expect(current.widget.state().user?.name).toBe('Ada Lovelace');

    current.site.signOut();
    await chat.logout();
    await fixture.whenStable();
    expect(shown(fixture)).toEqual({ status: 'signed_out', user: 'nobody', flags: 'anonymous' });
    expect(current.widget.state().user).toBeNull();
    expect(await current.site.vendorLog()).toEqual(['login Ada Lovelace', 'logout Ada Lovelace']);
  });

  it('shows the new user after a user switch', async () => {
    const fixture = render();
    const { chat } = fixture.componentInstance;
    current.site.signIn(ada);
    await chat.login();
    current.site.signIn(grace);
    await chat.login();
    await fixture.whenStable();

    expect(shown(fixture).user).toBe('Grace Hopper');
    expect(current.widget.state().user?.name).toBe('Grace Hopper');
    expect(await current.site.vendorLog()).toEqual([
      'login Ada Lovelace',
      'logout Ada Lovelace',
      'login Grace Hopper',
    ]);
  });

  it('shows why the login failed when the site has no signed-in user', async () => {
    const fixture = render();
    await fixture.componentInstance.chat.login();
    await fixture.whenStable();

    expect(shown(fixture).status).toBe('error');
    expect(fixture.componentInstance.chat.error()?.code).toBe('session_expired');
    expect(current.widget.state().user).toBeNull();
  });
});

describe('ChatSSO.snapshot$', () => {
  it('replays the current snapshot, then emits every change in order', async () => {
    TestBed.configureTestingModule({ providers: [provideChatSSO(current.site.options)] });
    const chat = TestBed.inject(ChatSSO);
    const statuses: ChatSSOStatus[] = [];
    chat.snapshot$.subscribe((snapshot) => statuses.push(snapshot.status));

    current.site.signIn(ada);
    await chat.login();
    await chat.logout();

    expect(statuses).toEqual(['idle', 'signing_in', 'signed_in', 'signing_out', 'signed_out']);
  });
});

describe('inject(ChatSSO) without provideChatSSO()', () => {
  it('throws an error naming provideChatSSO', () => {
    expect(() => TestBed.inject(ChatSSO)).toThrow(
      'inject(ChatSSO) needs provideChatSSO(...) in app.config.ts or a route',
    );
  });
});
