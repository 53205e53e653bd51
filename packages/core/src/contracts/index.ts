import { generic } from './generic';
import { medchat } from './medchat';
import { spartez } from './spartez';
import { tiledesk } from './tiledesk';
import type { TokenContract, VendorId } from './types';
import { zendesk } from './zendesk';

export { compactClaims, defineContract } from './define-contract';
export { formatDuration } from './duration';
export * as rules from './rules';
export type { TiledeskClaimsOptions } from './tiledesk';
export type * from './types';
export { generic, medchat, spartez, tiledesk, zendesk };

/** Every built-in contract, by vendor id. */
export const contracts = { spartez, tiledesk, medchat, zendesk, generic } as const;

export const vendorIds = Object.keys(contracts) as VendorId[];

export function isVendorId(value: unknown): value is VendorId {
  return typeof value === 'string' && Object.hasOwn(contracts, value);
}

/** The contract of a vendor; throws a `TypeError` naming the known vendors otherwise. */
export function getContract(vendor: string): TokenContract<unknown> {
  if (!isVendorId(vendor)) {
    throw new TypeError(
      `unknown vendor ${JSON.stringify(vendor)}; expected one of ${vendorIds.join(', ')}`,
    );
  }
  return contracts[vendor] as TokenContract<unknown>;
}
