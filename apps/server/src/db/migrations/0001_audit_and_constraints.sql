-- The audit trail is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
-- receiving_unit -> division (its analysis division) closes a cycle with division -> receiving_unit
-- (the office a division belongs to), so it is checked at commit.
ALTER TABLE "receiving_unit" ADD CONSTRAINT "receiving_unit_analysis_division_fk"
  FOREIGN KEY ("analysis_division_id") REFERENCES "division"("id") DEFERRABLE INITIALLY DEFERRED;
