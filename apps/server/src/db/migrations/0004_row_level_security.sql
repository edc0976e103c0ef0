CREATE TABLE "sign_in_failure" (
	"username_lower" text NOT NULL,
	"ip" text DEFAULT '' NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"failures" integer NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sign_in_failure_username_lower_ip_hour_pk" PRIMARY KEY("username_lower","ip","hour")
);
--> statement-breakpoint
ALTER TABLE "app_user" DROP CONSTRAINT "app_user_unit_scope";--> statement-breakpoint
ALTER TABLE "app_user" DROP CONSTRAINT "app_user_division_scope";--> statement-breakpoint
CREATE INDEX "sign_in_failure_hour" ON "sign_in_failure" USING btree ("hour");--> statement-breakpoint
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_unit_scope" CHECK (("app_user"."role" in ('unit_officer')) = ("app_user"."unit_id" is not null));--> statement-breakpoint
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_division_scope" CHECK (("app_user"."role" in ('budget_analyst')) = ("app_user"."analysis_division_id" is not null));--> statement-breakpoint
-- Row-level security (ADR 0008). The server's queries run as pbis_app, a role without superuser
-- or BYPASSRLS; every transaction sets the actor's scope (db/scoped.ts): pbis.scope is all,
-- division or unit, with pbis.user_id, pbis.unit_id and pbis.division_id. Unset: no rows.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pbis_app') THEN
    CREATE ROLE pbis_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- another database of the same cluster created it at the same moment
END $$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'pbis_app', 'member') THEN
    EXECUTE format('GRANT pbis_app TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO pbis_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO pbis_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO pbis_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO pbis_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO pbis_app;
--> statement-breakpoint
-- The actor's scope, read by every policy.
CREATE FUNCTION pbis_scope() RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT coalesce(current_setting('pbis.scope', true), '') $$;
--> statement-breakpoint
CREATE FUNCTION pbis_setting_uuid(name text) RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting(name, true), '')::uuid $$;
--> statement-breakpoint
-- Receiving units by their own id: all; the analyst's division's units; the officer's unit.
ALTER TABLE "receiving_unit" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "receiving_unit" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY receiving_unit_in_scope ON "receiving_unit" USING (
  pbis_scope() = 'all'
  OR (pbis_scope() = 'unit' AND id = pbis_setting_uuid('pbis.unit_id'))
  OR (pbis_scope() = 'division' AND analysis_division_id = pbis_setting_uuid('pbis.division_id'))
);
--> statement-breakpoint
-- Any other table that carries a unit_id: the rows of the units the actor sees. Later modules'
-- tables get the same lock with one call in their migration: SELECT pbis_secure_unit_table('plan').
CREATE FUNCTION pbis_secure_unit_table(tbl regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format(
    'CREATE POLICY unit_in_scope ON %s USING (pbis_scope() = ''all'' OR unit_id IN (SELECT id FROM receiving_unit))',
    tbl);
END $$;
--> statement-breakpoint
-- Users: those of the units in scope, and oneself.
ALTER TABLE "app_user" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "app_user" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY app_user_in_scope ON "app_user" USING (
  pbis_scope() = 'all'
  OR id = pbis_setting_uuid('pbis.user_id')
  OR unit_id IN (SELECT id FROM receiving_unit)
);
--> statement-breakpoint
-- Divisions: those of the units in scope (the office they belong to), and the analysis division of
-- a unit in scope (a ward's officer sees which analysis division looks after the ward).
ALTER TABLE "division" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "division" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY division_in_scope ON "division" USING (
  pbis_scope() = 'all'
  OR unit_id IN (SELECT id FROM receiving_unit)
  OR id IN (SELECT analysis_division_id FROM receiving_unit)
);
--> statement-breakpoint
-- The one lookup that runs before anyone is known: a session (by the SHA-256 of its token) with
-- its user, the user's unit and analysis division, in one statement, in the system scope.
CREATE FUNCTION pbis_active_session(p_session text, p_at timestamptz)
RETURNS TABLE (
  session_id text, csrf_token text, user_id uuid, organization_id uuid, username text,
  display_name text, role text, unit_id uuid, analysis_division_id uuid,
  must_change_password boolean, unit_code text, unit_name_th text, unit_name_en text,
  analysis_no integer
) LANGUAGE sql STABLE SET pbis.scope = 'all' AS $$
  SELECT s.id, s.csrf_token, u.id, u.organization_id, u.username, u.display_name, u.role,
         u.unit_id, u.analysis_division_id, u.must_change_password, r.code, r.name_th, r.name_en,
         d.analysis_no
  FROM user_session s
  JOIN app_user u ON u.id = s.user_id
  LEFT JOIN receiving_unit r ON r.id = u.unit_id
  LEFT JOIN division d ON d.id = u.analysis_division_id
  WHERE s.id = p_session AND s.revoked_at IS NULL AND s.expires_at > p_at AND u.active
  LIMIT 1
$$;
