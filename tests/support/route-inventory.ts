/**
 * Every way into the app, read from the files on disk (not from a list kept by hand), for
 * the security walk (tests/integration/security-walk-*.test.ts, tests/e2e/security-walk-pages.spec.ts):
 * - pages: app/**\/page.tsx, as URL patterns ("/org/[id]"; route groups dropped);
 * - route handlers: app/**\/route.ts, as URL patterns (their HTTP methods are the module's exports);
 * - server actions: every file with a "use server" directive under app/, components/ and lib/
 *   (the exported functions of a file-level directive are the actions).
 * A file the walk's tables do not name fails the walk, so a new way in cannot go unchecked.
 * Plain Node (no Next, no database): Playwright and vitest both load it.
 */
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** Files under `dir` (relative to the repository root, "/"-separated), sorted. */
function filesUnder(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return (fs.readdirSync(abs, { recursive: true }) as string[])
    .map((f) => path.posix.join(dir, f.split(path.sep).join("/")))
    .filter((f) => fs.statSync(path.join(ROOT, f)).isFile())
    .sort();
}

/**
 * "app/(app)/org/[id]/page.tsx" → "/org/[id]". Route groups "(x)" vanish; parallel routes
 * (@slot), intercepting routes ((.)x) and private folders (_x) are not used by this app, and
 * the walk refuses to guess how to reach them.
 */
export function urlPattern(file: string): string {
  const segments = file.split("/").slice(1, -1); // without "app" and the file name
  const kept: string[] = [];
  for (const s of segments) {
    if (/^\(\.+\)/.test(s) || s.startsWith("@") || s.startsWith("_")) {
      throw new Error(`${file}: the security walk does not know how to reach "${s}" segments; teach tests/support/route-inventory.ts`);
    }
    if (/^\(.+\)$/.test(s)) continue;
    kept.push(s);
  }
  return `/${kept.join("/")}`;
}

export interface RouteFile {
  /** Path from the repository root, e.g. "app/(app)/org/[id]/page.tsx". */
  file: string;
  /** URL pattern, e.g. "/org/[id]". */
  pattern: string;
}

const PAGE_FILE = /\/page\.(tsx|ts|jsx|js|mdx)$/;
const ROUTE_FILE = /\/route\.(ts|js)$/;

export function pageRoutes(): RouteFile[] {
  return filesUnder("app")
    .filter((f) => PAGE_FILE.test(f))
    .map((file) => ({ file, pattern: urlPattern(file) }));
}

export function routeHandlerFiles(): RouteFile[] {
  return filesUnder("app")
    .filter((f) => ROUTE_FILE.test(f))
    .map((file) => ({ file, pattern: urlPattern(file) }));
}

/** The HTTP methods a route module may export (Next ignores other exports). */
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** A "use server" directive: a file-level one (the first statement) or one inside a function body. */
const DIRECTIVE = /(^|[{;\n]\s*)(["'])use server\2\s*;?/;

export interface ServerActionFile {
  file: string;
  /** The directive opens the file: every export is an action. Otherwise an inline action sits somewhere in it. */
  fileLevel: boolean;
}

/** Strips leading comments and blank lines, so a file-level directive is at the start. */
function withoutLeadingComments(src: string): string {
  let s = src;
  for (;;) {
    const t = s.replace(/^\s+/, "");
    if (t.startsWith("//")) s = t.slice(t.indexOf("\n") + 1 || t.length);
    else if (t.startsWith("/*")) s = t.slice(t.indexOf("*/") + 2);
    else return t;
  }
}

export function serverActionFiles(): ServerActionFile[] {
  return ["app", "components", "lib"]
    .flatMap(filesUnder)
    .filter((f) => /\.(ts|tsx|js|jsx)$/.test(f))
    .flatMap((file) => {
      const src = fs.readFileSync(path.join(ROOT, file), "utf8");
      if (!DIRECTIVE.test(src)) return [];
      return [{ file, fileLevel: /^(["'])use server\1/.test(withoutLeadingComments(src)) }];
    });
}

/** Absolute path of a repository file (for dynamic import). */
export const absolute = (file: string) => path.join(ROOT, file);

/**
 * The route params of a concrete path ("/api/v1/org-units/<id>/roster" for
 * "/api/v1/org-units/[id]/roster"); throws when the path is not one of the pattern's.
 */
export function paramsFor(pattern: string, pathname: string): Record<string, string | string[]> {
  const want = pattern.split("/");
  const got = pathname.split("/");
  const params: Record<string, string | string[]> = {};
  const catchAll = want.findIndex((seg) => /^\[\.\.\..+\]$/.test(seg));
  if (catchAll === -1 ? got.length !== want.length : got.length <= catchAll) throw new Error(`${pathname} is not a path of ${pattern}`);
  want.forEach((seg, i) => {
    const rest = /^\[\.\.\.(.+)\]$/.exec(seg);
    const one = /^\[(.+)\]$/.exec(seg);
    if (rest) params[rest[1]] = got.slice(i).map(decodeURIComponent);
    else if (one && got[i]) params[one[1]] = decodeURIComponent(got[i]);
    else if (seg !== got[i]) throw new Error(`${pathname} is not a path of ${pattern}`);
  });
  return params;
}

/** Where table and disk disagree: keys on disk the table lacks, and keys in the table no file has. */
export function tableGaps(onDisk: string[], inTable: string[]): { missing: string[]; stale: string[] } {
  const disk = new Set(onDisk);
  const table = new Set(inTable);
  return { missing: onDisk.filter((k) => !table.has(k)).sort(), stale: inTable.filter((k) => !disk.has(k)).sort() };
}
