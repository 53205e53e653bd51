import { type ApiPanel, formatCountdown } from '@chat-sso/demo-shared';
import { useNow } from './use-now';
import { useObservable } from './use-observable';

/** A call to the site's own API with access/refresh tokens, counting the refreshes. */
export function ApiCard({ api, signedIn }: { api: ApiPanel; signedIn: boolean }) {
  const { result, error, busy, refreshes, expiresAt } = useObservable(api);
  const now = useNow();
  return (
    <section className="card">
      <h2>Protected API</h2>
      <dl className="facts">
        <dt>Result</dt>
        <dd data-testid="api-result">{result ?? '—'}</dd>
        <dt>Access token</dt>
        <dd data-testid="access-expiry" data-expires-at={expiresAt ?? ''}>
          {formatCountdown(expiresAt, now)}
        </dd>
        <dt>Refreshes</dt>
        <dd data-testid="access-refreshes">{refreshes}</dd>
      </dl>
      <button type="button" data-testid="api-call" disabled={busy || !signedIn} onClick={api.call}>
        GET /api/projects
      </button>
      {error && (
        <p className="error" role="alert" data-testid="api-error">
          {error}
        </p>
      )}
    </section>
  );
}
