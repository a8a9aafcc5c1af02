-- 两步验证 (TOTP, RFC 6238): the encrypted secret, the last accepted time step (replay),
-- the sha256 of each unused recovery code, and the session's passed code step.
-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "mfaVerifiedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "mfaEnabledAt" TIMESTAMP(3),
ADD COLUMN     "mfaLastStep" BIGINT,
ADD COLUMN     "mfaPendingSecret" TEXT,
ADD COLUMN     "mfaRecoveryCodes" TEXT[],
ADD COLUMN     "mfaSecret" TEXT;

-- Enrolled means a secret: the two columns are set and cleared together.
ALTER TABLE "User" ADD CONSTRAINT "User_mfa_enrolled_check" CHECK (("mfaEnabledAt" IS NULL) = ("mfaSecret" IS NULL));
