/**
 * 系统管理 resets a district admin's 两步验证 (a lost phone and no recovery code left), beside
 * the password reset: same write path (validate → role → transaction → audit). The admin sets
 * it up again at the next sign-in (required for district admins of real districts).
 */
import { z } from "zod";
import { notFound } from "../errors";
import { resetMfa } from "../auth/mfa";
import { definePlatformWrite } from "./platform-write";

export const ZResetAdminMfa = z.object({ userId: z.uuid() });

export const resetAdminMfa = definePlatformWrite({
  action: "user.mfa_reset",
  input: ZResetAdminMfa,
  async run({ tx, input }) {
    const user = await tx.user.findFirst({
      where: { id: input.userId, role: "DISTRICT_ADMIN", tenantId: { not: null } },
      select: { id: true, tenantId: true, username: true, displayName: true, mfaEnabledAt: true },
    });
    if (!user) throw notFound();
    const ended = await resetMfa(tx, user.id);
    return {
      result: { username: user.username, displayName: user.displayName },
      tenantId: user.tenantId,
      entity: "User",
      entityId: user.id,
      before: { username: user.username, mfaEnabled: !!user.mfaEnabledAt },
      after: { mfaReset: true, unlocked: true, ...ended },
    };
  },
});
