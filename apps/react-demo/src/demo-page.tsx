import {
  createApiPanel,
  createDemoWidget,
  createFaultControls,
  createSiteSession,
  type PageOptions,
} from '@chat-sso/demo-shared';
import { useChatSSO } from '@chat-sso/react';
import { useEffect, useState } from 'react';
import { ApiCard } from './api-card';
import { DemoHeader } from './demo-header';
import { FaultCard } from './fault-card';
import { SiteCard } from './site-card';
import { useObservable } from './use-observable';
import { WidgetCard } from './widget-card';
import { WidgetHost } from './widget-host';

export function DemoPage({ page }: { page: PageOptions }) {
  const [site] = useState(createSiteSession);
  const [widget] = useState(() => createDemoWidget(page));
  const [faults] = useState(() => createFaultControls(widget));
  const [api] = useState(() => createApiPanel(site));
  const { user } = useObservable(site);
  const { login, logout } = useChatSSO();

  useEffect(() => {
    void site.load();
  }, [site]);

  // The widget follows the site's own session: signed in → login(), signed
  // out → logout(). A user switch is just a login() as someone else.
  const username = user === undefined ? undefined : (user?.username ?? null);
  useEffect(() => {
    if (username === undefined) return;
    void (username ? login() : logout());
  }, [username, login, logout]);

  return (
    <div className="demo">
      <DemoHeader current="react" />
      <div className="demo-layout">
        <div className="demo-cards">
          <SiteCard site={site} />
          <WidgetCard page={page} />
          <FaultCard faults={faults} />
          <ApiCard api={api} signedIn={Boolean(user)} />
        </div>
        <WidgetHost widget={widget} />
      </div>
    </div>
  );
}
