import { Component, computed, effect, inject, untracked } from '@angular/core';
import { ChatSSO } from '@chat-sso/angular';
import { ApiCard } from './api-card';
import { Demo } from './demo';
import { DemoHeader } from './demo-header';
import { FaultCard } from './fault-card';
import { observableSignal } from './observable-signal';
import { SiteCard } from './site-card';
import { WidgetCard } from './widget-card';
import { WidgetHost } from './widget-host';

@Component({
  selector: 'demo-app',
  imports: [ApiCard, DemoHeader, FaultCard, SiteCard, WidgetCard, WidgetHost],
  template: `
    <div class="demo">
      <header class="demo-header" demoHeader></header>
      <div class="demo-layout">
        <div class="demo-cards">
          <section class="card" demoSiteCard></section>
          <section class="card" demoWidgetCard></section>
          <section class="card" demoFaultCard></section>
          <section class="card" demoApiCard></section>
        </div>
        <aside class="widget-host" demoWidgetHost aria-label="Vendor chat widget (emulated)"></aside>
      </div>
    </div>
  `,
})
export class App {
  constructor() {
    const { site } = inject(Demo);
    const chat = inject(ChatSSO);
    const session = observableSignal(site);
    const username = computed(() => {
      const { user } = session();
      return user === undefined ? undefined : (user?.username ?? null);
    });

    // The widget follows the site's own session: signed in → login(), signed
    // out → logout(). A user switch is just a login() as someone else.
    effect(() => {
      const name = username();
      if (name === undefined) return;
      // The store reports synchronously; its signals must not become this effect's dependencies.
      untracked(() => void (name ? chat.login() : chat.logout()));
    });
    void site.load();
  }
}
