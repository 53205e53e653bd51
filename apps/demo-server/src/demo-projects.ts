import type { SiteUser } from '@chat-sso/core';
import { json } from '@chat-sso/server';

/** A few projects per demo user, so the API panel shows whose token it sent. */
const projects: Record<string, string[]> = {
  ada: ['Analytical Engine', 'Notes on the Sketch', 'Bernoulli numbers'],
  grace: ['Harvard Mark I', 'A-0 compiler', 'COBOL'],
};

/** `GET /api/projects`: the caller's projects; only reachable with a valid access token. */
export async function listProjects(
  request: Request,
  user: Pick<SiteUser, 'id' | 'name'>,
): Promise<Response> {
  return json(
    request,
    { user: user.name ?? user.id, projects: projects[user.id] ?? [] },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
