import { afterNextRender, Component, DestroyRef, ElementRef, inject } from '@angular/core';
import { Demo } from './demo';

/** An element Angular leaves empty: the vendor's (emulated) script fills it. */
@Component({
  selector: 'aside[demoWidgetHost]',
  template: '',
})
export class WidgetHost {
  constructor() {
    const { widget } = inject(Demo);
    const host: HTMLElement = inject(ElementRef).nativeElement;
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => destroyRef.onDestroy(widget.mount(host)));
  }
}
