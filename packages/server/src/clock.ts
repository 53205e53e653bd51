/** Unix seconds, whole: what `iat`, `exp` and `expiresAt` are made of. */
export type Clock = () => number;

export const systemClock: Clock = () => Math.floor(Date.now() / 1000);
