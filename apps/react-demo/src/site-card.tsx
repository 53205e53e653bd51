import { otherDemoUser, type SiteSession } from '@chat-sso/demo-shared';
import { SignInForm } from './sign-in-form';
import { useObservable } from './use-observable';

/** The demo site's own session: who is signed in, and the buttons that change it. */
export function SiteCard({ site }: { site: SiteSession }) {
  const { user, error, busy } = useObservable(site);
  return (
    <section className="card">
      <h2>Site</h2>
      <p>
        Signed in as{' '}
        <strong data-testid="site-user">
          {user === undefined ? '…' : user ? user.name : 'nobody'}
        </strong>
        {user && <span className="hint"> {user.email}</span>}
      </p>
      {user === null && <SignInForm site={site} busy={busy} />}
      {user && (
        <div className="row">
          <button type="button" data-testid="sign-out" disabled={busy} onClick={site.signOut}>
            Sign out
          </button>
          <button
            type="button"
            className="secondary"
            data-testid="switch-user"
            disabled={busy}
            onClick={site.switchUser}
          >
            Switch to {otherDemoUser(user.username).name}
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert" data-testid="site-error">
          {error}
        </p>
      )}
    </section>
  );
}
