/** The main entry, for Node: the Web-standard API of `./web`, plus the adapters for `node:http` and Express and the file and Redis refresh stores. */

export { type ExpressRequestLike, toExpressHandler } from './express-handler';
export { createFileRefreshStore, type FileRefreshStoreOptions } from './file-refresh-store';
export type { HmacImplementation } from './hs256-engine';
export type { NodeAdapterOptions } from './node-bridge';
export { toNodeHandler } from './node-handler';
export { createRedisRefreshStore, type RedisRefreshStoreOptions } from './redis-refresh-store';
export * from './web';
