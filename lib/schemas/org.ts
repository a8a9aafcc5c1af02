import { z } from "zod";
import { zPastDay } from "./dates";

/** Records when a unit's committee (关工委) was set up: it drives coverage (全覆盖). */
export const ZSetCommitteeEstablished = z.object({
  unitId: z.uuid(),
  establishedOn: zPastDay("关工委成立日期"),
});
