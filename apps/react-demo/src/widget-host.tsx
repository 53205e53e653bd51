import type { DemoWidget } from '@chat-sso/demo-shared';
import { useEffect, useRef } from 'react';

/** An element React leaves empty: the vendor's (emulated) script fills it. */
export function WidgetHost({ widget }: { widget: DemoWidget }) {
  const host = useRef<HTMLElement>(null);
  useEffect(() => widget.mount(host.current!), [widget]);
  return <aside className="widget-host" ref={host} aria-label="Vendor chat widget (emulated)" />;
}
