import { demoApps, demoVendors } from '@chat-sso/demo-shared';
import { htmlPage } from './html-page';

/** `/`: what the demo is, a link to each app (and whether it is built), the vendor logs. */
export function landingPage(built: Readonly<Record<string, boolean>>): Response {
  const apps = demoApps
    .map(
      ({ id, label, path }) => `<li class="card">
<h2><a href="${path}">${label}</a></h2>
<p class="hint">${built[id] ? 'Built.' : `Not built yet: <code>pnpm --filter @chat-sso/${id}-demo build</code>`}</p>
</li>`,
    )
    .join('\n');
  const logs = demoVendors
    .map(({ id, label }) => `<a href="/vendor/${id}/log">${label}</a>`)
    .join(' · ');
  return htmlPage(
    200,
    'chat-sso demo',
    `<h1>chat-sso demo</h1>
<p>The same sample app in three frameworks. Sign in to the site as <strong>ada</strong> or
<strong>grace</strong> (password <strong>demo</strong>), pick a vendor, and watch its emulated chat
widget sign in, switch user and sign out with the site.</p>
<ul class="app-list">
${apps}
</ul>
<p class="hint">What the emulated vendor clouds saw: ${logs}</p>`,
  );
}
