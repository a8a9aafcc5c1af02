import "server-only";
/**
 * Keyset cursors of lists ordered by (a day, id) newest first — activities, awards,
 * publicity: opaque to clients, base64url of "<YYYY-MM-DD>.<id>" of the last row shown.
 */
import { isCalendarDay } from "@/lib/schemas/dates";

export interface DayCursor {
  date: string;
  id: string;
}
const CURSOR_RE = /^(\d{4}-\d{2}-\d{2})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function encodeDayCursor(c: DayCursor): string {
  return Buffer.from(`${c.date}.${c.id}`).toString("base64url");
}

/** null when the text is not a cursor this server made. */
export function decodeDayCursor(raw: string): DayCursor | null {
  const m = CURSOR_RE.exec(Buffer.from(raw, "base64url").toString("utf8"));
  if (!m || !isCalendarDay(m[1])) return null;
  return { date: m[1], id: m[2].toLowerCase() };
}
