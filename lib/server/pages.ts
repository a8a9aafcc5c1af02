import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { AppError } from "./errors";
import { auditDenied } from "./audit";
import { currentActor } from "./auth/session";
import { PAGE_PATH_HEADER } from "./page-path";

/**
 * In pages: a NOT_FOUND or FORBIDDEN from the scope layer becomes the 404 page, and the
 * refusal is audited like an API or write refusal (who asked for which page), so probing
 * another unit's pages by id shows up in 操作日志.
 */
export async function orNotFound<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) {
      const actor = await currentActor();
      if (actor) {
        const path = (await headers()).get(PAGE_PATH_HEADER) ?? undefined;
        await auditDenied(actor, e, { method: "GET", path, reason: "page" });
      }
      notFound();
    }
    throw e;
  }
}

/** A page's search params as single strings (a repeated key is dropped, not guessed at). */
export function searchStrings(sp: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, typeof v === "string" ? v : undefined]));
}

/**
 * A list page's filters from its URL. A hand-edited bad filter or cursor starts the list
 * over with `fallback` and says so (`badFilter`), instead of failing the page.
 */
export function filtersOr<T>(parse: () => T, fallback: T): { filters: T; badFilter: boolean } {
  try {
    return { filters: parse(), badFilter: false };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { filters: fallback, badFilter: true };
  }
}
