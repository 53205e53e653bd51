import { Component, computed, inject } from '@angular/core';
import { ChatSSO } from '@chat-sso/angular';
import {
  demoVendors,
  formatCountdown,
  isDemoVendor,
  pageOptionsUrl,
  statusText,
} from '@chat-sso/demo-shared';
import { Demo } from './demo';
import { nowSignal } from './now-signal';

/** The store's view of the widget, and the vendor choice (a new page per vendor). */
@Component({
  selector: 'section[demoWidgetCard]',
  template: `
    <h2>Chat widget</h2>
    <div class="field">
      <label for="vendor">Vendor</label>
      <select #vendor id="vendor" data-testid="vendor" (change)="chooseVendor(vendor.value)">
        @for (option of vendors; track option.id) {
          <option [value]="option.id" [selected]="option.id === page.vendor">{{ option.label }}</option>
        }
      </select>
    </div>
    <dl class="facts">
      <dt>Status</dt>
      <dd class="status" data-testid="sso-status" [attr.data-status]="chat.status()">{{ status() }}</dd>
      <dt>Widget user</dt>
      <dd>{{ widgetUser() }}</dd>
      <dt>Token expires in</dt>
      <dd data-testid="token-expiry" [attr.data-expires-at]="chat.expiresAt() ?? ''">{{
        countdown()
      }}</dd>
    </dl>
  `,
})
export class WidgetCard {
  protected readonly chat = inject(ChatSSO);
  protected readonly page = inject(Demo).page;
  protected readonly vendors = demoVendors;
  private readonly now = nowSignal();
  protected readonly status = computed(() =>
    statusText({ status: this.chat.status(), error: this.chat.error() }),
  );
  protected readonly widgetUser = computed(() => {
    const user = this.chat.user();
    return user ? (user.name ?? user.email ?? user.id) : '—';
  });
  protected readonly countdown = computed(() => formatCountdown(this.chat.expiresAt(), this.now()));

  protected chooseVendor(vendor: string): void {
    if (isDemoVendor(vendor)) {
      window.location.assign(pageOptionsUrl(window.location.href, { vendor }));
    }
  }
}
