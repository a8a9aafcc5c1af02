import "server-only";
import { z } from "zod";
import { defineWrite } from "../write";
import { invalid, notFound } from "../errors";
import { scope } from "../scope";
import { resetMfa } from "../auth/mfa";

export const ZResetUserMfa = z.object({ id: z.uuid() });

/**
 * 重置两步验证: an administrator clears the 两步验证 of a user in their scope (a lost phone and
 * no recovery code left). The user's sessions end; where the role requires it, they set it up
 * again at the next sign-in. Not one's own: that would skip the code turning it off asks for.
 */
export const resetUserMfa = defineWrite({
  action: "user.mfa_reset",
  permission: "user.manage",
  input: ZResetUserMfa,
  async run({ tx, actor, input }) {
    const user = await tx.user.findFirst({
      where: { ...scope.users(actor), id: input.id },
      select: { id: true, username: true, displayName: true, mfaEnabledAt: true },
    });
    if (!user) throw notFound();
    if (user.id === actor.userId) throw invalid([{ path: "id", message: "不能重置自己的两步验证，请由另一位管理员操作" }]);
    const ended = await resetMfa(tx, user.id);
    return {
      result: { id: user.id, username: user.username, wasEnrolled: !!user.mfaEnabledAt },
      entity: "User",
      entityId: user.id,
      before: { username: user.username, mfaEnabled: !!user.mfaEnabledAt },
      after: { mfaReset: true, unlocked: true, ...ended },
    };
  },
});
