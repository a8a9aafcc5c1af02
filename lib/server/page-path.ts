/**
 * The request header through which proxy.ts tells server components the path being rendered
 * (App Router pages are not given their own URL); set on every request, overwriting whatever
 * a client sent under the same name.
 */
export const PAGE_PATH_HEADER = "x-qingmiao-path";
