import { type FaultControls, faultToggles } from '@chat-sso/demo-shared';
import { useObservable } from './use-observable';

export function FaultCard({ faults }: { faults: FaultControls }) {
  const on = useObservable(faults);
  return (
    <section className="card">
      <h2>Faults</h2>
      <div className="toggles">
        {faultToggles.map(({ id, testId, label }) => (
          <label key={id}>
            <input
              type="checkbox"
              data-testid={testId}
              checked={on[id]}
              onChange={(event) => faults.set(id, event.target.checked)}
            />
            {label}
          </label>
        ))}
      </div>
    </section>
  );
}
