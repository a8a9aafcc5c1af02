import "server-only";
/** Units for surveys and policy documents: the pickers of their forms, and who may edit a unit's rows. */
import type { Actor } from "../actor";
import { listUnitsForPicker } from "../org/read-units";

/**
 * `owners`: every unit in scope (who did the survey / files the document), depth relative
 * to the actor's unit. `targets`: the actor's unit and the level below, the units a
 * survey covers or a document concerns (a village of another town is never offered).
 */
export async function outcomeUnitOptions(actor: Actor) {
  const units = await listUnitsForPicker(actor);
  const base = units[0]?.depth ?? 0;
  const owners = units.map((u) => ({ id: u.id, name: u.name, depth: u.depth - base }));
  return { owners, targets: owners.filter((u) => u.depth <= 1) };
}

/** May the actor change rows of this unit (scope.editable: the unit is in their subtree)? */
export const canEditUnit = (actor: Actor, unit: { path: string[] }) => unit.path.includes(actor.orgUnitId);
