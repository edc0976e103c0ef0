CREATE TABLE "action_plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"development_plan_id" uuid,
	"copied_from_id" uuid,
	"title_th" text DEFAULT '' NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_plan_revision_positive" CHECK ("action_plan"."revision" >= 1)
);
--> statement-breakpoint
CREATE TABLE "development_plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"start_year" integer NOT NULL,
	"end_year" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "development_plan_years" CHECK ("development_plan"."start_year" <= "development_plan"."end_year")
);
--> statement-breakpoint
CREATE TABLE "evidence_file" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"result_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_file_size" CHECK ("evidence_file"."size_bytes" = octet_length("evidence_file"."content")),
	CONSTRAINT "evidence_file_sha256" CHECK ("evidence_file"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "indicator" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"action_plan_id" uuid NOT NULL,
	"level" text NOT NULL,
	"strategy_node_id" uuid,
	"mission_task_id" uuid,
	"code" text DEFAULT '' NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"unit_of_measure" text DEFAULT '' NOT NULL,
	"direction" text DEFAULT 'higher_is_better' NOT NULL,
	"definition" text DEFAULT '' NOT NULL,
	"calculation_method" text DEFAULT '' NOT NULL,
	"evidence_required" text DEFAULT '' NOT NULL,
	"criteria" jsonb,
	"weight" numeric(7, 3),
	"responsible_unit_id" uuid,
	"source" text DEFAULT 'entered' NOT NULL,
	"computed_source" text,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_level" CHECK ("indicator"."level" in ('goal','measure','mission_task')),
	CONSTRAINT "indicator_direction" CHECK ("indicator"."direction" in ('higher_is_better','lower_is_better')),
	CONSTRAINT "indicator_anchor" CHECK (("indicator"."level" = 'mission_task') = ("indicator"."mission_task_id" is not null) and ("indicator"."level" <> 'mission_task') = ("indicator"."strategy_node_id" is not null)),
	CONSTRAINT "indicator_source" CHECK ("indicator"."source" in ('entered','computed')),
	CONSTRAINT "indicator_computed_source" CHECK (("indicator"."source" = 'computed') = ("indicator"."computed_source" is not null) and ("indicator"."computed_source" is null or "indicator"."computed_source" in ('execution.disbursement_rate','execution.carry_over_without_obligation')))
);
--> statement-breakpoint
CREATE TABLE "indicator_result" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"period_kind" text NOT NULL,
	"period_no" integer NOT NULL,
	"value" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"entered_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_result_period_no" CHECK (("indicator_result"."period_kind" = 'month' and "indicator_result"."period_no" between 1 and 12) or ("indicator_result"."period_kind" = 'quarter' and "indicator_result"."period_no" between 1 and 4) or ("indicator_result"."period_kind" = 'year' and "indicator_result"."period_no" = 0))
);
--> statement-breakpoint
CREATE TABLE "indicator_target" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"kind" text NOT NULL,
	"value" numeric(20, 4) NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_target_kind" CHECK ("indicator_target"."kind" in ('numeric','level'))
);
--> statement-breakpoint
CREATE TABLE "mission_task" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"action_plan_id" uuid NOT NULL,
	"goal_id" uuid,
	"code" text DEFAULT '' NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_project" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"action_plan_id" uuid NOT NULL,
	"parent_id" uuid,
	"measure_id" uuid,
	"kind" text NOT NULL,
	"code" text DEFAULT '' NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"responsible_unit_id" uuid,
	"responsible_division" text DEFAULT '' NOT NULL,
	"budget_satang" bigint DEFAULT 0 NOT NULL,
	"ceiling_satang" bigint,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_project_kind" CHECK ("plan_project"."kind" in ('project','activity')),
	CONSTRAINT "plan_project_budget" CHECK ("plan_project"."budget_satang" >= 0),
	CONSTRAINT "plan_project_ceiling" CHECK ("plan_project"."ceiling_satang" is null or "plan_project"."ceiling_satang" >= 0),
	CONSTRAINT "plan_project_not_own_parent" CHECK ("plan_project"."parent_id" is null or "plan_project"."parent_id" <> "plan_project"."id")
);
--> statement-breakpoint
CREATE TABLE "strategy_node" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"parent_id" uuid,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name_th" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_node_kind" CHECK ("strategy_node"."kind" in ('dimension','sub_dimension','goal','measure'))
);
--> statement-breakpoint
CREATE TABLE "unit_statement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"action_plan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"text_th" text NOT NULL,
	"text_en" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_statement_kind" CHECK ("unit_statement"."kind" in ('vision','mission','strength','weakness','opportunity','threat'))
);
--> statement-breakpoint
CREATE TABLE "work_plan_progress" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"fiscal_month" integer NOT NULL,
	"actual_cumulative" numeric(7, 3) NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"entered_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_plan_progress_month_range" CHECK ("work_plan_progress"."fiscal_month" between 1 and 12),
	CONSTRAINT "work_plan_progress_range" CHECK ("work_plan_progress"."actual_cumulative" >= 0 and "work_plan_progress"."actual_cumulative" <= 100)
);
--> statement-breakpoint
CREATE TABLE "work_plan_step" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"step_no" integer NOT NULL,
	"name_th" text NOT NULL,
	"weight" numeric(7, 3),
	"planned_cumulative" numeric(7, 3),
	"planned_months" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "action_plan" ADD CONSTRAINT "action_plan_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plan" ADD CONSTRAINT "action_plan_unit_id_receiving_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."receiving_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plan" ADD CONSTRAINT "action_plan_development_plan_id_development_plan_id_fk" FOREIGN KEY ("development_plan_id") REFERENCES "public"."development_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plan" ADD CONSTRAINT "action_plan_copied_from_id_action_plan_id_fk" FOREIGN KEY ("copied_from_id") REFERENCES "public"."action_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plan" ADD CONSTRAINT "action_plan_published_by_app_user_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_plan" ADD CONSTRAINT "development_plan_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_file" ADD CONSTRAINT "evidence_file_result_id_indicator_result_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."indicator_result"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_file" ADD CONSTRAINT "evidence_file_uploaded_by_app_user_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_unit_id_receiving_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."receiving_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_action_plan_id_action_plan_id_fk" FOREIGN KEY ("action_plan_id") REFERENCES "public"."action_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_strategy_node_id_strategy_node_id_fk" FOREIGN KEY ("strategy_node_id") REFERENCES "public"."strategy_node"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_mission_task_id_mission_task_id_fk" FOREIGN KEY ("mission_task_id") REFERENCES "public"."mission_task"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_responsible_unit_id_receiving_unit_id_fk" FOREIGN KEY ("responsible_unit_id") REFERENCES "public"."receiving_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_result" ADD CONSTRAINT "indicator_result_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_result" ADD CONSTRAINT "indicator_result_entered_by_app_user_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_target" ADD CONSTRAINT "indicator_target_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_task" ADD CONSTRAINT "mission_task_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_task" ADD CONSTRAINT "mission_task_unit_id_receiving_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."receiving_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_task" ADD CONSTRAINT "mission_task_action_plan_id_action_plan_id_fk" FOREIGN KEY ("action_plan_id") REFERENCES "public"."action_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_task" ADD CONSTRAINT "mission_task_goal_id_strategy_node_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."strategy_node"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_project" ADD CONSTRAINT "plan_project_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_project" ADD CONSTRAINT "plan_project_unit_id_receiving_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."receiving_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_project" ADD CONSTRAINT "plan_project_action_plan_id_action_plan_id_fk" FOREIGN KEY ("action_plan_id") REFERENCES "public"."action_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_project" ADD CONSTRAINT "plan_project_parent_id_plan_project_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."plan_project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_project" ADD CONSTRAINT "plan_project_measure_id_strategy_node_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."strategy_node"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_project" ADD CONSTRAINT "plan_project_responsible_unit_id_receiving_unit_id_fk" FOREIGN KEY ("responsible_unit_id") REFERENCES "public"."receiving_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_node" ADD CONSTRAINT "strategy_node_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_node" ADD CONSTRAINT "strategy_node_plan_id_development_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."development_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_node" ADD CONSTRAINT "strategy_node_parent_id_strategy_node_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."strategy_node"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_statement" ADD CONSTRAINT "unit_statement_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_statement" ADD CONSTRAINT "unit_statement_unit_id_receiving_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."receiving_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_statement" ADD CONSTRAINT "unit_statement_action_plan_id_action_plan_id_fk" FOREIGN KEY ("action_plan_id") REFERENCES "public"."action_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plan_progress" ADD CONSTRAINT "work_plan_progress_project_id_plan_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."plan_project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plan_progress" ADD CONSTRAINT "work_plan_progress_entered_by_app_user_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_plan_step" ADD CONSTRAINT "work_plan_step_project_id_plan_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."plan_project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "action_plan_revision" ON "action_plan" USING btree ("unit_id","fiscal_year","revision");--> statement-breakpoint
CREATE INDEX "action_plan_year" ON "action_plan" USING btree ("organization_id","fiscal_year");--> statement-breakpoint
CREATE UNIQUE INDEX "development_plan_code" ON "development_plan" USING btree ("organization_id","code");--> statement-breakpoint
CREATE INDEX "evidence_file_result" ON "evidence_file" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "indicator_plan" ON "indicator" USING btree ("action_plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_result_period" ON "indicator_result" USING btree ("indicator_id","fiscal_year","period_kind","period_no");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_target_year" ON "indicator_target" USING btree ("indicator_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "mission_task_plan" ON "mission_task" USING btree ("action_plan_id");--> statement-breakpoint
CREATE INDEX "plan_project_plan" ON "plan_project" USING btree ("action_plan_id");--> statement-breakpoint
CREATE INDEX "plan_project_parent" ON "plan_project" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_node_code" ON "strategy_node" USING btree ("plan_id","kind","code");--> statement-breakpoint
CREATE INDEX "strategy_node_parent" ON "strategy_node" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_statement_position" ON "unit_statement" USING btree ("action_plan_id","kind","position");--> statement-breakpoint
CREATE UNIQUE INDEX "work_plan_progress_month" ON "work_plan_progress" USING btree ("project_id","fiscal_month");--> statement-breakpoint
CREATE UNIQUE INDEX "work_plan_step_no" ON "work_plan_step" USING btree ("project_id","step_no");--> statement-breakpoint
-- A unit's plan and what carries its unit: the rows of the units the actor sees (0005).
SELECT pbis_secure_unit_table('action_plan');
--> statement-breakpoint
SELECT pbis_secure_unit_table('unit_statement');
--> statement-breakpoint
SELECT pbis_secure_unit_table('mission_task');
--> statement-breakpoint
SELECT pbis_secure_unit_table('plan_project');
--> statement-breakpoint
SELECT pbis_secure_unit_table('indicator');
--> statement-breakpoint
-- Tables reached only through a parent follow it: a row is seen (and may be written) when its
-- parent is, which the parent's own policy decides. The scope 'all' skips the lookup.
ALTER TABLE "indicator_target" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "indicator_target" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY follows_indicator ON "indicator_target" USING (
  (SELECT pbis_scope()) = 'all' OR indicator_id IN (SELECT id FROM indicator)
);
--> statement-breakpoint
ALTER TABLE "indicator_result" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "indicator_result" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY follows_indicator ON "indicator_result" USING (
  (SELECT pbis_scope()) = 'all' OR indicator_id IN (SELECT id FROM indicator)
);
--> statement-breakpoint
ALTER TABLE "evidence_file" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "evidence_file" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY follows_result ON "evidence_file" USING (
  (SELECT pbis_scope()) = 'all' OR result_id IN (SELECT id FROM indicator_result)
);
--> statement-breakpoint
ALTER TABLE "work_plan_step" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "work_plan_step" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY follows_project ON "work_plan_step" USING (
  (SELECT pbis_scope()) = 'all' OR project_id IN (SELECT id FROM plan_project)
);
--> statement-breakpoint
ALTER TABLE "work_plan_progress" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "work_plan_progress" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY follows_project ON "work_plan_progress" USING (
  (SELECT pbis_scope()) = 'all' OR project_id IN (SELECT id FROM plan_project)
);
