import "server-only";
import type { Actor } from "../actor";
import { listUnitsForPicker } from "../org/read-units";
import { ROLE_LABELS } from "../permissions";
import { ROLES } from "@/lib/schemas/user";

/** Choices for the user forms: units in the admin's scope, and the roles with their Chinese names. */
export async function userFormOptions(actor: Actor) {
  const units = await listUnitsForPicker(actor);
  const base = units[0]?.depth ?? 0;
  return {
    units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth - base })),
    roles: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })),
  };
}
