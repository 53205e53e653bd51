import type { BrowserContext, Page } from 'playwright-core';
import type { E2EApp } from './apps';
import { demoUrl } from './demo-server';

export const vendors = ['spartez', 'tiledesk', 'medchat', 'openweb', 'zendesk'] as const;
export type Vendor = (typeof vendors)[number];

export const ada = { username: 'ada', name: 'Ada Lovelace' };
export const grace = { username: 'grace', name: 'Grace Hopper' };
type DemoUser = typeof ada;

/** Query parameters of a demo page: `vendor`, `ttl`, `widget`, `faults`. */
export type PageQuery = Record<string, string>;

/** Long enough for a loaded widget to log in on a busy 2-core machine. */
const STEP = 10_000;

/** What the page shows, for failure messages. */
function readPage() {
  const find = (id: string) => document.querySelector(`[data-testid="${id}"]`);
  return {
    url: location.href,
    siteUser: find('site-user')?.textContent,
    status: find('sso-status')?.textContent,
    widget: find('widget-identity')?.textContent,
    verified: find('widget-identity')?.getAttribute('data-verified'),
    tokenExpiresAt: find('token-expiry')?.getAttribute('data-expires-at'),
    api: find('api-result')?.textContent,
  };
}

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** One tab of a sample app, driven through its test ids only. */
export class DemoPage {
  constructor(
    readonly page: Page,
    readonly app: E2EApp,
  ) {}

  static async open(context: BrowserContext, app: E2EApp, query: PageQuery): Promise<DemoPage> {
    const demo = new DemoPage(await context.newPage(), app);
    await demo.goto(query);
    return demo;
  }

  /** Loads the app with this query and waits until it knows the site's user. */
  async goto(query: PageQuery): Promise<void> {
    await this.page.goto(demoUrl(`${this.app}/?${new URLSearchParams(query)}`));
    await this.siteReady();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.siteReady();
  }

  private siteReady(): Promise<void> {
    return this.until('the site to know who is signed in', (timeout) =>
      this.page.getByTestId('site-user').filter({ hasNotText: '…' }).waitFor({ timeout }),
    );
  }

  /** Runs a wait; on timeout, fails saying what was awaited and what the page shows. */
  async until(what: string, wait: (timeout: number) => Promise<unknown>, timeout = STEP) {
    try {
      await wait(timeout);
    } catch (error) {
      const shows = await this.page.evaluate(readPage).catch(() => 'nothing (page closed)');
      throw new Error(
        `waited ${timeout} ms for ${what}; the page shows ${JSON.stringify(shows)}\n${error}`,
      );
    }
  }

  async signIn(user: DemoUser): Promise<void> {
    await this.page.getByTestId('username').fill(user.username);
    await this.page.getByTestId('password').fill('demo');
    await this.page.getByTestId('sign-in').click();
    await this.expectSiteUser(user.name);
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('sign-out').click();
    await this.expectSiteUser('nobody');
  }

  async switchUser(to: DemoUser): Promise<void> {
    await this.page.getByTestId('switch-user').click();
    await this.expectSiteUser(to.name);
  }

  expectSiteUser(name: string): Promise<void> {
    return this.until(`site-user "${name}"`, (timeout) =>
      this.page
        .getByTestId('site-user')
        .filter({ hasText: exactly(name) })
        .waitFor({ timeout }),
    );
  }

  /** The widget panel names `name` with `data-verified` as given. */
  expectWidget(name: string, verified: boolean, timeout = STEP): Promise<void> {
    return this.until(
      `widget-identity "${name}" with data-verified="${verified}"`,
      (wait) =>
        this.page
          .locator(`[data-testid="widget-identity"][data-verified="${verified}"]`)
          .filter({ hasText: exactly(name) })
          .waitFor({ timeout: wait }),
      timeout,
    );
  }

  /** `sso-status` has this status and its text contains `text`. */
  expectStatus(status: string, text = '', timeout = STEP): Promise<void> {
    return this.until(
      `sso-status ${status} ${text}`,
      (wait) =>
        this.page
          .locator(`[data-testid="sso-status"][data-status="${status}"]`)
          .filter({ hasText: text })
          .waitFor({ timeout: wait }),
      timeout,
    );
  }

  /** Clicks `api-call` and resolves with the text of `api-result` once `/api/projects` answered. */
  async callApi(): Promise<string> {
    const answered = this.page.waitForResponse((response) =>
      response.url().endsWith('/api/projects'),
    );
    await this.page.getByTestId('api-call').click();
    const response = await answered;
    if (!response.ok()) throw new Error(`/api/projects answered ${response.status()}`);
    await this.until('api-result to show the answer', (timeout) =>
      this.page.getByTestId('api-result').filter({ hasNotText: '—' }).waitFor({ timeout }),
    );
    return this.text('api-result');
  }

  /** Waits until `access-expiry` says the API access token has expired. */
  expectAccessTokenExpired(): Promise<void> {
    return this.until('access-expiry "expired"', (timeout) =>
      this.page.getByTestId('access-expiry').filter({ hasText: 'expired' }).waitFor({ timeout }),
    );
  }

  /** When the widget's current token expires (unix seconds), from `token-expiry`. */
  async tokenExpiresAt(): Promise<number> {
    const value = await this.page.getByTestId('token-expiry').getAttribute('data-expires-at');
    return Number(value);
  }

  /**
   * Waits until the element shows exactly `value`: the framework renders after
   * the network answer the test saw, so reading at once would race the render.
   */
  async expectText(testId: string, value: string): Promise<void> {
    await this.until(`${testId} "${value}"`, (timeout) =>
      this.page
        .getByTestId(testId)
        .filter({ hasText: exactly(value) })
        .waitFor({ timeout }),
    );
  }

  async text(testId: string): Promise<string> {
    return (await this.page.getByTestId(testId).textContent()) ?? '';
  }
}
