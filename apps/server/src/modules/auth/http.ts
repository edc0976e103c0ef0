import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveSession, type SessionInfo } from './service.js';

export const SESSION_COOKIE = 'pbis_session';
export const CSRF_COOKIE = 'pbis_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export async function sessionFromRequest(
  request: FastifyRequest,
): Promise<SessionInfo | undefined> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return undefined;
  return resolveSession(request.server.database, token);
}

const isHttps = (request: FastifyRequest) => request.protocol === 'https';

export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  csrfToken: string,
  hours: number,
) {
  const common = {
    path: '/',
    sameSite: 'lax' as const,
    secure: isHttps(request),
    maxAge: Math.round(hours * 3600),
  };
  reply.setCookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
  // Readable by the page so it can echo it in the x-csrf-token header (double submit).
  reply.setCookie(CSRF_COOKIE, csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    secure: isHttps(request),
    httpOnly: true,
    sameSite: 'lax',
  });
  reply.clearCookie(CSRF_COOKIE, { path: '/', secure: isHttps(request), sameSite: 'lax' });
}
