/** Session lifetime rules, pure so they can be unit-tested. Times in seconds since epoch. */
export const SESSION_IDLE_SECONDS = 30 * 60;
export const SESSION_MAX_SECONDS = 12 * 60 * 60;
/** The proxy rewrites the cookie at most this often to record activity. */
export const ACTIVITY_REFRESH_SECONDS = 60;

export interface SessionClaims {
  sub?: string;
  sv?: number;
  authTime?: number;
  lastActive?: number;
}

export type SessionState = "active" | "idle" | "expired" | "invalid";

export function sessionState(claims: SessionClaims | null, now: number): SessionState {
  if (!claims?.sub || typeof claims.sv !== "number" || !claims.authTime || !claims.lastActive) return "invalid";
  if (now - claims.authTime > SESSION_MAX_SECONDS) return "expired";
  if (now - claims.lastActive > SESSION_IDLE_SECONDS) return "idle";
  return "active";
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
