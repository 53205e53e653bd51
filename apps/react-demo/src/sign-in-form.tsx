import { type SiteSession, signInHint } from '@chat-sso/demo-shared';
import { useState } from 'react';

export function SignInForm({ site, busy }: { site: SiteSession; busy: boolean }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void site.signIn(username, password);
      }}
    >
      <div className="field">
        <label htmlFor="username">Username</label>
        <input
          id="username"
          type="text"
          data-testid="username"
          autoComplete="username"
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          type="password"
          data-testid="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </div>
      <button type="submit" data-testid="sign-in" disabled={busy}>
        Sign in
      </button>
      <p className="hint">{signInHint}</p>
    </form>
  );
}
