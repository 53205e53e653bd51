import { afterEach, describe, expect, it } from 'vitest';
import type { NewRefreshFamily, RefreshStore } from '../refresh-store';

const SIGN_IN = 1_700_000_000;
const WEEK = 7 * 24 * 60 * 60;
let sequence = 0;

function newFamily(overrides: Partial<NewRefreshFamily> = {}): NewRefreshFamily {
  sequence += 1;
  return {
    id: `family-${sequence}`,
    user: { id: `user-${sequence}`, name: 'Ada Lovelace', email: 'ada@example.com' },
    tokenHash: `hash-${sequence}-0`,
    createdAt: SIGN_IN,
    expiresAt: SIGN_IN + WEEK,
    ...overrides,
  };
}

/** The behaviour every `RefreshStore` must have, run against each implementation. */
export function describeRefreshStore(name: string, openStore: () => Promise<RefreshStore>): void {
  describe(`${name} refresh store`, () => {
    const opened: RefreshStore[] = [];
    const open = async () => {
      const store = await openStore();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('finds a created family by its token hash, not revoked', async () => {
      const store = await open();
      const family = newFamily();
      await store.create(family);
      expect(await store.find(family.tokenHash)).toEqual({ ...family, revoked: false });
    });

    it('finds nothing for a hash it never stored', async () => {
      const store = await open();
      expect(await store.find('never-issued')).toBeNull();
      expect(await store.rotate('never-issued', 'next', SIGN_IN)).toEqual({ status: 'unknown' });
    });

    it('rotates the current hash and keeps the retired one pointing at the family', async () => {
      const store = await open();
      const family = newFamily();
      await store.create(family);
      const outcome = await store.rotate(family.tokenHash, 'hash-next', SIGN_IN + 60);
      expect(outcome).toEqual({
        status: 'rotated',
        family: { ...family, tokenHash: 'hash-next', revoked: false },
      });
      expect(await store.find('hash-next')).toMatchObject({
        id: family.id,
        tokenHash: 'hash-next',
      });
      expect(await store.find(family.tokenHash)).toMatchObject({ id: family.id, revoked: false });
    });

    it('revokes the whole family when a retired hash is presented again', async () => {
      const store = await open();
      const family = newFamily();
      await store.create(family);
      await store.rotate(family.tokenHash, 'hash-next', SIGN_IN + 60);
      expect(await store.rotate(family.tokenHash, 'hash-thief', SIGN_IN + 120)).toEqual({
        status: 'reused',
      });
      expect(await store.find('hash-next')).toMatchObject({ revoked: true });
      expect(await store.rotate('hash-next', 'hash-later', SIGN_IN + 180)).toEqual({
        status: 'revoked',
      });
      expect(await store.find('hash-thief')).toBeNull();
    });

    it('lets exactly one of many concurrent rotations of the same hash win', async () => {
      const store = await open();
      const family = newFamily();
      await store.create(family);
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          store.rotate(family.tokenHash, `hash-racer-${index}`, SIGN_IN + 60),
        ),
      );
      const statuses = outcomes.map((outcome) => outcome.status);
      expect(statuses.filter((status) => status === 'rotated')).toHaveLength(1);
      expect(statuses.filter((status) => status === 'reused')).toHaveLength(1);
      expect(statuses.filter((status) => status === 'revoked')).toHaveLength(18);
      expect(await store.find(family.tokenHash)).toMatchObject({ revoked: true });
    });

    it('refuses to rotate once the family has reached its end', async () => {
      const store = await open();
      const family = newFamily();
      await store.create(family);
      expect(await store.rotate(family.tokenHash, 'hash-late', family.expiresAt)).toEqual({
        status: 'expired',
      });
      expect(await store.find('hash-late')).toBeNull();
    });

    it('revokes one family and leaves the others alone', async () => {
      const store = await open();
      const revoked = newFamily();
      const kept = newFamily();
      await store.create(revoked);
      await store.create(kept);
      await store.revokeFamily(revoked.id);
      await store.revokeFamily('no-such-family');
      expect(await store.rotate(revoked.tokenHash, 'hash-x', SIGN_IN + 60)).toEqual({
        status: 'revoked',
      });
      expect(await store.find(kept.tokenHash)).toMatchObject({ revoked: false });
      expect((await store.rotate(kept.tokenHash, 'hash-y', SIGN_IN + 60)).status).toBe('rotated');
    });
  });
}
