import { describe, expect, it } from 'vitest';
import { pageOptionsUrl, readPageOptions } from '../page-options';

describe('readPageOptions', () => {
  it('reads vendor, widget loading, cloud faults and token lifetime from the query', () => {
    expect(
      readPageOptions('?vendor=zendesk&widget=slow&faults=outage,newUserDelay&ttl=30'),
    ).toEqual({ vendor: 'zendesk', widget: 'slow', faults: ['outage', 'newUserDelay'], ttl: 30 });
  });

  it('falls back to the first vendor and normal loading, and drops values it does not know', () => {
    expect(readPageOptions('?vendor=intercom&widget=fast&faults=outage,meteor&ttl=-5')).toEqual({
      vendor: 'spartez',
      widget: 'normal',
      faults: ['outage'],
      ttl: undefined,
    });
  });
});

describe('pageOptionsUrl', () => {
  it('changes only what it is given and keeps unrelated query parameters', () => {
    const url = pageOptionsUrl('http://demo.test/react/?vendor=medchat&ttl=20&debug=1', {
      vendor: 'tiledesk',
      widget: 'blocked',
    });
    expect(readPageOptions(new URL(url).search)).toEqual({
      vendor: 'tiledesk',
      widget: 'blocked',
      faults: [],
      ttl: 20,
    });
    expect(new URL(url).searchParams.get('debug')).toBe('1');
  });

  it('leaves defaults out of the URL', () => {
    expect(
      pageOptionsUrl('http://demo.test/vue/?vendor=spartez&widget=slow&faults=outage', {
        widget: 'normal',
        faults: [],
      }),
    ).toBe('http://demo.test/vue/?vendor=spartez');
  });
});
