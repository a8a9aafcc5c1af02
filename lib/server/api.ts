import "server-only";
/**
 * /api/v1 plumbing: who is calling (Bearer token or session cookie), reading a JSON
 * body (1 MiB limit), and one mapping of AppError to the HTTP bodies of API.md.
 */
import { NextResponse, type NextRequest } from "next/server";
import type { Actor } from "./actor";
import { AppError, type FieldIssue } from "./errors";
import { resolveBearer } from "./auth/tokens";
import { decodeSessionCookie, resolveSession } from "./auth/session";
import { MUST_CHANGE_API_MESSAGE } from "./auth/access";
import { sessionCookieName } from "./auth/cookie";
import { metaFromHeaders } from "./auth/request-meta";
import { auditDenied } from "./audit";
import { DATABASE_UNAVAILABLE_MESSAGE, RETRY_AFTER_SECONDS, isDatabaseUnavailable, logLine } from "./unavailable";
import { logger } from "./log";
import { REQUEST_ID_HEADER, requestIdFrom } from "./request-id";

export const MAX_BODY_BYTES = 1024 * 1024;

const STATUS = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, INVALID: 400, CONFLICT: 409 } as const;
const ERROR_WORD = {
  UNAUTHORIZED: "unauthorized",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "not_found",
  INVALID: "invalid",
  CONFLICT: "conflict",
} as const;

class PayloadTooLarge extends Error {}

export function errorResponse(e: unknown, requestId?: string): NextResponse {
  if (e instanceof PayloadTooLarge) {
    return NextResponse.json({ error: "payload_too_large", message: "请求内容超过 1 MiB" }, { status: 413 });
  }
  if (e instanceof AppError) {
    const body: { error: string; message: string; issues?: FieldIssue[] } = {
      error: ERROR_WORD[e.code],
      message: e.message,
    };
    if (e.code === "INVALID") body.issues = e.issues;
    return NextResponse.json(body, { status: STATUS[e.code] });
  }
  if (isDatabaseUnavailable(e)) {
    // Never the driver's text: it names the database's host and port.
    logger.error({ requestId, cause: logLine(e) }, "database unavailable");
    return NextResponse.json(
      { error: "unavailable", message: DATABASE_UNAVAILABLE_MESSAGE },
      { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
    );
  }
  logger.error({ err: e, requestId }, "unexpected error");
  return NextResponse.json({ error: "internal", message: "服务器内部错误，请稍后再试" }, { status: 500 });
}

/** The caller's district actor, or null (401). A user who must still change the password is told so (401 too). */
export async function apiActor(req: NextRequest): Promise<Actor | null> {
  const meta = metaFromHeaders(req.headers);
  const authorization = req.headers.get("authorization");
  const r = authorization
    ? await resolveBearer(authorization, meta)
    : await resolveSession(await decodeSessionCookie(req.cookies.get(sessionCookieName(req.headers))?.value), meta);
  if (r.kind === "must_change") throw new AppError("UNAUTHORIZED", MUST_CHANGE_API_MESSAGE);
  return r.kind === "actor" ? r.actor : null;
}

/** Reads a JSON body of at most 1 MiB; malformed JSON is a 400 like any bad input. */
export async function readJson(req: NextRequest): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new PayloadTooLarge();
  const buf = await req.arrayBuffer();
  if (buf.byteLength > MAX_BODY_BYTES) throw new PayloadTooLarge();
  try {
    return JSON.parse(new TextDecoder().decode(buf));
  } catch {
    throw new AppError("INVALID", "请求内容不是有效的 JSON", [{ path: "_", message: "请求内容不是有效的 JSON" }]);
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The header the 数据导入 page sends with its file uploads (components/imports/import-flow.tsx).
 * An upload's body is the file, not JSON, so the JSON rule below cannot apply; a cross-site page
 * can only add a custom header through a CORS preflight, which we never answer, so the header
 * proves the request came from our own script.
 */
export const UPLOAD_HEADER = "x-qingmiao-upload";

/** Routes whose mutating requests carry a file body (and UPLOAD_HEADER) instead of JSON. */
const isUploadPath = (path: string) => path.startsWith("/api/v1/imports/");

/** The Origin header is ours: the deployment's own URL, or the host this request was sent to. */
function sameOrigin(req: NextRequest): boolean {
  const origin = req.headers.get("origin");
  if (!origin || origin === "null") return false;
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return false;
  }
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      if (new URL(configured).origin === o.origin) return true;
    } catch {
      // a malformed NEXTAUTH_URL is next-auth's to report; fall back to the request's host
    }
  }
  const host = (req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? req.nextUrl.host).split(",")[0].trim().toLowerCase();
  return o.host.toLowerCase() === host;
}

const CSRF_MESSAGE = "请求来源无法确认，已拒绝。请在本系统页面内操作，或使用访问令牌调用接口。";

/**
 * CSRF: a mutating request that would be carried by the session cookie (which the browser
 * attaches by itself) must be JSON (a cross-site form can only send form or text bodies without
 * a preflight) from our own origin; uploads show UPLOAD_HEADER instead of JSON. A Bearer token
 * is never attached by the browser, so token requests need neither.
 */
function csrfRefused(req: NextRequest): boolean {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return false;
  if (/^bearer\s/i.test(req.headers.get("authorization") ?? "")) return false;
  const ok =
    sameOrigin(req) &&
    (isUploadPath(req.nextUrl.pathname)
      ? req.headers.get(UPLOAD_HEADER) === "1"
      : (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase() === "application/json");
  return !ok;
}

type Handler<P> = (ctx: { actor: Actor; req: NextRequest; params: P }) => Promise<NextResponse | unknown>;

/**
 * Wraps an /api/v1 handler: 401 without a valid caller, typed errors → API.md bodies, and one
 * log line per request (method, path, status, duration, user, request id).
 */
export function apiRoute<P = Record<string, string>>(handler: Handler<P>) {
  return async (req: NextRequest, ctx: { params: Promise<P> }): Promise<NextResponse> => {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers.get(REQUEST_ID_HEADER));
    let actor = null as Actor | null; // set by answer()
    const res = await answer();
    logger.info(
      {
        requestId,
        method: req.method,
        path: req.nextUrl.pathname,
        status: res.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        userId: actor?.userId ?? null,
      },
      "request",
    );
    return res;

    async function answer(): Promise<NextResponse> {
      try {
        actor = await apiActor(req);
        if (actor?.via === "session" && csrfRefused(req)) {
          // Audited like any refusal: a forged cross-site request shows up in 操作日志.
          await auditDenied(actor, new AppError("FORBIDDEN", CSRF_MESSAGE), { method: req.method, path: req.nextUrl.pathname, reason: "csrf" });
          return NextResponse.json({ error: "forbidden", message: CSRF_MESSAGE }, { status: 403 });
        }
        if (!actor) return NextResponse.json({ error: "unauthorized", message: "请先登录或提供有效的访问令牌" }, { status: 401 });
        const out = await handler({ actor, req, params: await ctx.params });
        return out instanceof NextResponse ? out : NextResponse.json(out);
      } catch (e) {
        // A refusal (403, or 404 outside scope) of a known caller is audited; once, if defineWrite already did.
        if (actor && e instanceof AppError) await auditDenied(actor, e, { method: req.method, path: req.nextUrl.pathname });
        return errorResponse(e, requestId);
      }
    }
  };
}
