import {
  type ApiPanel,
  createApiPanel,
  createDemoWidget,
  createFaultControls,
  createSiteSession,
  type DemoWidget,
  type FaultControls,
  type PageOptions,
  type SiteSession,
} from '@chat-sso/demo-shared';

/** What the page's components share: its options and the framework-free demo parts made from them. */
export class Demo {
  readonly site: SiteSession = createSiteSession();
  readonly widget: DemoWidget;
  readonly faults: FaultControls;
  readonly api: ApiPanel;

  constructor(readonly page: PageOptions) {
    this.widget = createDemoWidget(page);
    this.faults = createFaultControls(this.widget);
    this.api = createApiPanel(this.site);
  }
}
