import type { SiteUser } from '@chat-sso/core';
import { spartez } from '@chat-sso/core/contracts';
import { Agent, request } from 'undici';
import { createIssuer } from '../issuer';
import type { RefreshStore } from '../refresh-store';
import { createSystemAuth } from '../system-auth';
import { createTokenHandler } from '../token-handler';
import type { WebHandler } from '../web-handler';

/** A bounded run: stops after `requests` requests or `seconds` of wall time, whichever comes first. */
export interface LoadBudget {
  requests: number;
  seconds: number;
}

export interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: string;
}

/**
 * `connections` keep-alive connections to one loopback origin, and the
 * latency of every request by path. Latencies are reported, never asserted:
 * they say how the machine was doing, not whether the code is right.
 */
export function createLoadClient(origin: string, connections = 100) {
  const agent = new Agent({ connections, pipelining: 1 });
  const latencies = new Map<string, number[]>();
  let started = 0;
  let deadline = Number.POSITIVE_INFINITY;

  return {
    /** Starts a budget; `take()` answers whether one more request fits in it. */
    begin(budget: LoadBudget) {
      started = 0;
      deadline = performance.now() + budget.seconds * 1000;
      return {
        take(): boolean {
          if (started >= budget.requests || performance.now() >= deadline) return false;
          started += 1;
          return true;
        },
      };
    },

    async get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
      const start = performance.now();
      const response = await request(`${origin}${path}`, { dispatcher: agent, headers });
      const body = await response.body.text();
      const list = latencies.get(path) ?? [];
      list.push(performance.now() - start);
      latencies.set(path, list);
      const retryAfter = response.headers['retry-after'];
      return { status: response.statusCode, retryAfter: retryAfter?.toString(), body };
    },

    /** Requests, p50 and p99 in ms by path, as a table for the test output. */
    report(): string {
      const rows = [...latencies].map(([path, values]) => {
        const sorted = [...values].sort((a, b) => a - b);
        const at = (p: number) =>
          sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
        return `${path.padEnd(16)} ${String(sorted.length).padStart(6)} req  p50 ${at(0.5).toFixed(1).padStart(6)} ms  p99 ${at(0.99).toFixed(1).padStart(6)} ms`;
      });
      return rows.join('\n');
    },

    close: () => agent.close(),
  };
}

/** Resident memory in MiB, for the report. */
export const rssMiB = () => process.memoryUsage().rss / 2 ** 20;

/** Who each connection signs in as: `session=<n>` names user n. */
function userOf(request: Request): SiteUser | null {
  const n = /session=(\d+)/.exec(request.headers.get('Cookie') ?? '')?.[1];
  return n === undefined
    ? null
    : { id: `user-${n}`, name: `User ${n}`, email: `u${n}@example.com` };
}

/**
 * The site under load: the chat-token endpoint and `/system/auth`/`/system/reauth`
 * over `store`. Every request comes from 127.0.0.1, so a per-address rate limit
 * would stop the run: none here.
 */
export function createLoadSite(
  store: RefreshStore,
  secrets: { chatToken: string; access: string },
  onError?: (error: unknown) => void,
): WebHandler {
  const chatToken = createTokenHandler({
    issuer: createIssuer({ contract: spartez, secret: secrets.chatToken }),
    authenticate: userOf,
    rateLimit: false,
  });
  const systemAuth = createSystemAuth({
    authenticate: userOf,
    accessSecret: secrets.access,
    store,
    rateLimit: false,
    ...(onError ? { onError } : {}),
  });
  const routes: Record<string, WebHandler> = {
    '/chat-token': chatToken,
    '/system/auth': systemAuth.auth,
    '/system/reauth': systemAuth.reauth,
  };
  return (request) => routes[new URL(request.url).pathname]!(request);
}
