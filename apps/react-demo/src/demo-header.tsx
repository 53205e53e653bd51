import { type DemoAppId, demoApps } from '@chat-sso/demo-shared';

export function DemoHeader({ current }: { current: DemoAppId }) {
  const app = demoApps.find(({ id }) => id === current)!;
  return (
    <header className="demo-header">
      <h1>chat-sso demo · {app.label}</h1>
      <nav aria-label="Demo apps">
        <a href="/">All demos</a>
        {demoApps.map(({ id, label, path }) => (
          <a
            key={id}
            href={`${path}${window.location.search}`}
            aria-current={id === current ? 'page' : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
    </header>
  );
}
