export { type ApiPanel, type ApiPanelSnapshot, createApiPanel } from './api-panel';
export { chatSSOOptions, chatTokenUrl, WIDGET_READY_TIMEOUT_MS } from './chat-sso-options';
export { formatCountdown } from './countdown';
export { DemoApiError } from './demo-api-error';
export { type DemoAppId, demoApps } from './demo-apps';
export {
  createDemoWidget,
  type DemoWidget,
  EMULATORS_SCRIPT_URL,
  NEW_USER_DELAY_SECONDS,
  SLOW_LOAD_MS,
} from './demo-widget';
export {
  createFaultControls,
  type FaultControls,
  type FaultId,
  type Faults,
  faultToggles,
} from './fault-controls';
export type { Observable } from './observable';
export {
  type CloudFaultId,
  cloudFaultIds,
  type PageOptions,
  pageOptionsUrl,
  readPageOptions,
  type WidgetLoading,
} from './page-options';
export { type SignInFieldId, signInFields } from './sign-in-fields';
export { createSiteSession, type SiteSession, type SiteSessionSnapshot } from './site-session';
export {
  DEMO_PASSWORD,
  demoUsers,
  otherDemoUser,
  type SiteUser,
  signInHint,
} from './site-session-api';
export { statusText } from './status-text';
export { type DemoVendor, demoVendors, isDemoVendor } from './vendors';
