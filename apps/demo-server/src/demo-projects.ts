import type { SiteUser } from '@chat-sso/core';
import { json } from './responses';

/** A few projects per demo user, so the API panel shows whose token it sent. */
const projects: Record<string, string[]> = {
  ada: ['Analytical Engine', 'Notes on the Sketch', 'Bernoulli numbers'],
  grace: ['Harvard Mark I', 'A-0 compiler', 'COBOL'],
};

/** `GET /api/projects`: the caller's projects; only reachable with a valid access token. */
export async function listProjects(
  _request: Request,
  user: Pick<SiteUser, 'id' | 'name'>,
): Promise<Response> {
  return json(200, { user: user.name ?? user.id, projects: projects[user.id] ?? [] });
}
