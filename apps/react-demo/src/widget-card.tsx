import {
  type DemoVendor,
  demoVendors,
  formatCountdown,
  type PageOptions,
  pageOptionsUrl,
  statusText,
} from '@chat-sso/demo-shared';
import { useChatSSO } from '@chat-sso/react';
import { useNow } from './use-now';

/** The store's view of the widget, and the vendor choice (a new page per vendor). */
export function WidgetCard({ page }: { page: PageOptions }) {
  const snapshot = useChatSSO();
  const now = useNow();
  const { user, expiresAt } = snapshot;
  return (
    <section className="card">
      <h2>Chat widget</h2>
      <div className="field">
        <label htmlFor="vendor">Vendor</label>
        <select
          id="vendor"
          data-testid="vendor"
          value={page.vendor}
          onChange={(event) =>
            window.location.assign(
              pageOptionsUrl(window.location.href, { vendor: event.target.value as DemoVendor }),
            )
          }
        >
          {demoVendors.map(({ id, label }) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <dl className="facts">
        <dt>Status</dt>
        <dd className="status" data-testid="sso-status" data-status={snapshot.status}>
          {statusText(snapshot)}
        </dd>
        <dt>Widget user</dt>
        <dd>{user ? (user.name ?? user.email ?? user.id) : '—'}</dd>
        <dt>Token expires in</dt>
        <dd data-testid="token-expiry" data-expires-at={expiresAt ?? ''}>
          {formatCountdown(expiresAt, now)}
        </dd>
      </dl>
    </section>
  );
}
