-- AlterEnum (alone: PostgreSQL refuses to use a new enum value in the transaction that adds it)
ALTER TYPE "Role" ADD VALUE 'PLATFORM_ADMIN';
