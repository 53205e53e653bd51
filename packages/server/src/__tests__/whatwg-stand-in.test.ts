import { describe, expect, it } from 'vitest';
import { standInFor } from '../whatwg-stand-in';

/** A stand-in that defines `method` itself and leaves everything else to the real request. */
function standInClass(whatwg: typeof Request) {
  class StandIn {
    readonly real: Request;
    constructor(real: Request) {
      this.real = real;
    }
    get method(): string {
      return 'FROM-STAND-IN';
    }
  }
  standInFor(StandIn, whatwg, (standIn) => standIn.real);
  return StandIn;
}

describe('standInFor', () => {
  it('passes for the WHATWG class and reads what it does not define from the real object', async () => {
    const StandIn = standInClass(Request);
    const request = new StandIn(
      new Request('http://shop.example/x', { method: 'POST', body: 'hi' }),
    ) as unknown as Request;
    expect(request).toBeInstanceOf(Request);
    expect(request.method).toBe('FROM-STAND-IN');
    expect(request.url).toBe('http://shop.example/x');
    expect(await request.text()).toBe('hi');
  });

  it('forwards the members a subclass inherits, as when a test environment installs one as the global', async () => {
    // vitest's jsdom environment replaces the global Request with a subclass like this one.
    class EnvironmentRequest extends Request {}
    const StandIn = standInClass(EnvironmentRequest);
    const request = new StandIn(
      new Request('http://shop.example/x', { method: 'POST', body: 'hi' }),
    ) as unknown as Request;
    expect(request).toBeInstanceOf(Request);
    expect(request.body).not.toBeNull();
    expect(await request.text()).toBe('hi');
    expect(request.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
  });
});
