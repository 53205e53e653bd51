import { Component, inject } from '@angular/core';
import { faultToggles } from '@chat-sso/demo-shared';
import { Demo } from './demo';
import { observableSignal } from './observable-signal';

@Component({
  selector: 'section[demoFaultCard]',
  template: `
    <h2>Faults</h2>
    <div class="toggles">
      @for (toggle of toggles; track toggle.id) {
        <label>
          <input
            #box
            type="checkbox"
            [attr.data-testid]="toggle.testId"
            [checked]="on()[toggle.id]"
            (change)="faults.set(toggle.id, box.checked)"
          />{{ toggle.label }}</label>
      }
    </div>
  `,
})
export class FaultCard {
  protected readonly faults = inject(Demo).faults;
  protected readonly on = observableSignal(this.faults);
  protected readonly toggles = faultToggles;
}
