import { afterEach, describe, expect, it } from 'vitest';
import { createDemoWidget } from '../demo-widget';
import { createFaultControls } from '../fault-controls';
import { readPageOptions } from '../page-options';

describe('createFaultControls', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('starts from the faults in the URL', () => {
    window.history.replaceState(null, '', '/react/?vendor=spartez&widget=slow&faults=outage');
    const faults = createFaultControls(createDemoWidget(readPageOptions(location.search)));
    expect(faults.getSnapshot()).toEqual({
      slow: true,
      blocked: false,
      outage: true,
      hang: false,
      rejectTokens: false,
      newUserDelay: false,
    });
  });

  it('switches a vendor-cloud fault at once, keeping it in the URL for the next load', () => {
    window.history.replaceState(null, '', '/react/?vendor=medchat');
    const faults = createFaultControls(createDemoWidget(readPageOptions(location.search)));
    let notified = 0;
    faults.subscribe(() => {
      notified += 1;
    });

    faults.set('rejectTokens', true);
    faults.set('newUserDelay', true);
    faults.set('rejectTokens', false);

    expect(notified).toBe(3);
    expect(faults.getSnapshot()).toMatchObject({ rejectTokens: false, newUserDelay: true });
    expect(location.search).toBe('?vendor=medchat&faults=newUserDelay');
  });

  it('reloads the page to change how the widget script loads', () => {
    const visited: string[] = [];
    const page = {
      location: {
        href: 'http://demo.test/react/?vendor=zendesk',
        search: '?vendor=zendesk',
        assign: (url: string) => visited.push(url),
      },
      history: window.history,
    } as unknown as Window;
    const faults = createFaultControls(createDemoWidget(readPageOptions('')), page);

    faults.set('blocked', true);
    expect(visited).toEqual(['http://demo.test/react/?vendor=zendesk&widget=blocked']);
  });
});
