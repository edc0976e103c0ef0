-- The same policies as 0004, with the actor's settings read once per query instead of once per
-- row: a scalar subquery around each setting becomes an InitPlan (evaluated once), where a bare
-- function call is evaluated for every row the scan visits. Same rows, less work (ADR 0008).
DROP POLICY receiving_unit_in_scope ON "receiving_unit";
--> statement-breakpoint
CREATE POLICY receiving_unit_in_scope ON "receiving_unit" USING (
  (SELECT pbis_scope()) = 'all'
  OR ((SELECT pbis_scope()) = 'unit' AND id = (SELECT pbis_setting_uuid('pbis.unit_id')))
  OR ((SELECT pbis_scope()) = 'division'
      AND analysis_division_id = (SELECT pbis_setting_uuid('pbis.division_id')))
);
--> statement-breakpoint
DROP POLICY app_user_in_scope ON "app_user";
--> statement-breakpoint
CREATE POLICY app_user_in_scope ON "app_user" USING (
  (SELECT pbis_scope()) = 'all'
  OR id = (SELECT pbis_setting_uuid('pbis.user_id'))
  OR unit_id IN (SELECT id FROM receiving_unit)
);
--> statement-breakpoint
DROP POLICY division_in_scope ON "division";
--> statement-breakpoint
CREATE POLICY division_in_scope ON "division" USING (
  (SELECT pbis_scope()) = 'all'
  OR unit_id IN (SELECT id FROM receiving_unit)
  OR id IN (SELECT analysis_division_id FROM receiving_unit)
);
--> statement-breakpoint
-- Later modules' tables: the same lock, with the scope read once per query.
CREATE OR REPLACE FUNCTION pbis_secure_unit_table(tbl regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format(
    'CREATE POLICY unit_in_scope ON %s USING ((SELECT pbis_scope()) = ''all'' OR unit_id IN (SELECT id FROM receiving_unit))',
    tbl);
END $$;
