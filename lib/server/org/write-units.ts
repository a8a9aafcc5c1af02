import "server-only";
import { defineWrite } from "../write";
import { findUnitInScope } from "../scope";
import { isoDay } from "@/lib/schemas/dates";
import { ZSetCommitteeEstablished } from "@/lib/schemas/org";

export const setCommitteeEstablished = defineWrite({
  action: "org.set_committee_established",
  permission: "org.write",
  input: ZSetCommitteeEstablished,
  async run({ tx, actor, input }) {
    const unit = await findUnitInScope(tx, actor, input.unitId, { id: true, committeeEstablishedOn: true });
    await tx.orgUnit.update({ where: { id: unit.id }, data: { committeeEstablishedOn: input.establishedOn } });
    return {
      result: unit.id,
      entity: "OrgUnit",
      entityId: unit.id,
      before: { committeeEstablishedOn: isoDay(unit.committeeEstablishedOn) },
      after: { committeeEstablishedOn: isoDay(input.establishedOn) },
    };
  },
});
