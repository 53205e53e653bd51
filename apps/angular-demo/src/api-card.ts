import { Component, computed, inject } from '@angular/core';
import { formatCountdown } from '@chat-sso/demo-shared';
import { Demo } from './demo';
import { nowSignal } from './now-signal';
import { observableSignal } from './observable-signal';

/** A call to the site's own API with access/refresh tokens, counting the refreshes. */
@Component({
  selector: 'section[demoApiCard]',
  template: `
    @let state = panel();
    <h2>Protected API</h2>
    <dl class="facts">
      <dt>Result</dt>
      <dd data-testid="api-result">{{ state.result ?? '—' }}</dd>
      <dt>Access token</dt>
      <dd data-testid="access-expiry" [attr.data-expires-at]="state.expiresAt ?? ''">{{ countdown() }}</dd>
      <dt>Refreshes</dt>
      <dd data-testid="access-refreshes">{{ state.refreshes }}</dd>
    </dl>
    <button
      type="button"
      data-testid="api-call"
      [disabled]="state.busy || !signedIn()"
      (click)="api.call()"
    >GET /api/projects</button>
    @if (state.error; as error) {
      <p class="error" role="alert" data-testid="api-error">{{ error }}</p>
    }
  `,
})
export class ApiCard {
  protected readonly api = inject(Demo).api;
  protected readonly panel = observableSignal(this.api);
  private readonly session = observableSignal(inject(Demo).site);
  private readonly now = nowSignal();
  protected readonly signedIn = computed(() => Boolean(this.session().user));
  protected readonly countdown = computed(() =>
    formatCountdown(this.panel().expiresAt, this.now()),
  );
}
