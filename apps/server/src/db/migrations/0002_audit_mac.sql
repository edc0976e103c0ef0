-- Rows written before this migration keep mac NULL until the installation seals them, once, with
-- its key (sealLegacyAudit in modules/audit/repository.ts, recorded in the trail).
ALTER TABLE "audit_log" ADD COLUMN "mac" text;