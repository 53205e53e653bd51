/**
 * Makes the instances of `standIn` pass for instances of the WHATWG class
 * `whatwg` (`Request`, `Response`): `instanceof` holds, and every member of
 * `whatwg.prototype` that `standIn` does not define itself is read from the
 * real object `real(instance)` returns, which the stand-in builds on first use.
 */
export function standInFor<T extends object>(
  standIn: { prototype: T },
  whatwg: { prototype: object },
  real: (instance: T) => object,
): void {
  const own = new Set(Reflect.ownKeys(standIn.prototype));
  Object.setPrototypeOf(standIn.prototype, whatwg.prototype);
  // The whole chain: a test environment (vitest's jsdom) may install a subclass as the global.
  const members = new Map<string | symbol, PropertyDescriptor>();
  for (
    let prototype = whatwg.prototype;
    prototype !== Object.prototype && prototype !== null;
    prototype = Object.getPrototypeOf(prototype)
  ) {
    for (const key of Reflect.ownKeys(prototype)) {
      if (!members.has(key)) members.set(key, Object.getOwnPropertyDescriptor(prototype, key)!);
    }
  }
  for (const [key, { value, get }] of members) {
    if (own.has(key)) continue;
    const read = (instance: T) => (real(instance) as Record<PropertyKey, unknown>)[key];
    if (typeof value === 'function') {
      Object.defineProperty(standIn.prototype, key, {
        value(this: T, ...args: unknown[]) {
          return (read(this) as (...args: unknown[]) => unknown).apply(real(this), args);
        },
      });
    } else if (get) {
      Object.defineProperty(standIn.prototype, key, {
        get(this: T) {
          return read(this);
        },
      });
    }
  }
}
