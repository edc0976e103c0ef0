CREATE TABLE "budget_line" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"line_code" text,
	"programme" text DEFAULT '' NOT NULL,
	"output" text DEFAULT '' NOT NULL,
	"project_code" text DEFAULT '' NOT NULL,
	"project" text NOT NULL,
	"expense_category" text NOT NULL,
	"fund_source" text DEFAULT 'regular' NOT NULL,
	"expense_item" text DEFAULT '' NOT NULL,
	"strategy_code" text DEFAULT '' NOT NULL,
	"identity_key" text NOT NULL,
	"enacted_satang" bigint DEFAULT 0 NOT NULL,
	"transfer_net_satang" bigint DEFAULT 0 NOT NULL,
	"reserved_satang" bigint DEFAULT 0 NOT NULL,
	"obligated_satang" bigint DEFAULT 0 NOT NULL,
	"disbursed_satang" bigint DEFAULT 0 NOT NULL,
	"disbursed_direct_satang" bigint DEFAULT 0 NOT NULL,
	"carried_from_line_id" uuid,
	"carry_deadline" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_line_category" CHECK ("budget_line"."expense_category" in ('personnel','operating','capital','subsidy','other','central')),
	CONSTRAINT "budget_line_fund_source" CHECK ("budget_line"."fund_source" in ('regular','supplementary','government_grant','carried_over')),
	CONSTRAINT "budget_line_enacted" CHECK ("budget_line"."enacted_satang" >= 0),
	CONSTRAINT "budget_line_not_overspent" CHECK ("budget_line"."enacted_satang" + "budget_line"."transfer_net_satang" - "budget_line"."reserved_satang" - "budget_line"."obligated_satang" - "budget_line"."disbursed_direct_satang" >= 0)
);
--> statement-breakpoint
CREATE TABLE "budget_line_month" (
	"line_id" uuid NOT NULL,
	"fiscal_month" integer NOT NULL,
	"organization_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"transfer_net_satang" bigint DEFAULT 0 NOT NULL,
	"obligated_satang" bigint DEFAULT 0 NOT NULL,
	"disbursed_satang" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "budget_line_month_line_id_fiscal_month_pk" PRIMARY KEY("line_id","fiscal_month"),
	CONSTRAINT "budget_line_month_month" CHECK ("budget_line_month"."fiscal_month" between 1 and 12)
);
--> statement-breakpoint
CREATE TABLE "budget_transfer" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"document_no" text NOT NULL,
	"date" date NOT NULL,
	"fiscal_month" integer NOT NULL,
	"from_line_id" uuid NOT NULL,
	"to_line_id" uuid NOT NULL,
	"from_unit_id" uuid NOT NULL,
	"to_unit_id" uuid NOT NULL,
	"amount_satang" bigint NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"approver_role" text NOT NULL,
	"rules" jsonb NOT NULL,
	"requested_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text DEFAULT '' NOT NULL,
	"import_batch_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_transfer_positive" CHECK ("budget_transfer"."amount_satang" > 0),
	CONSTRAINT "budget_transfer_two_lines" CHECK ("budget_transfer"."from_line_id" <> "budget_transfer"."to_line_id")
);
--> statement-breakpoint
CREATE TABLE "carry_over" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"kind" text NOT NULL,
	"amount_satang" bigint NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"exemption" text,
	"status" text DEFAULT 'approved' NOT NULL,
	"next_line_id" uuid,
	"requested_by" uuid,
	"decided_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carry_over_kind" CHECK ("carry_over"."kind" in ('with_obligation','without_obligation')),
	CONSTRAINT "carry_over_positive" CHECK ("carry_over"."amount_satang" >= 0)
);
--> statement-breakpoint
CREATE TABLE "commitment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"fiscal_month" integer NOT NULL,
	"kind" text NOT NULL,
	"document_no" text NOT NULL,
	"date" date NOT NULL,
	"vendor" text DEFAULT '' NOT NULL,
	"amount_satang" bigint NOT NULL,
	"settled_satang" bigint DEFAULT 0 NOT NULL,
	"reservation_id" uuid,
	"cancels_id" uuid,
	"later_years" jsonb,
	"import_batch_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commitment_settled" CHECK ("commitment"."settled_satang" >= 0),
	CONSTRAINT "commitment_not_oversettled" CHECK ("commitment"."amount_satang" < 0 OR "commitment"."settled_satang" <= "commitment"."amount_satang")
);
--> statement-breakpoint
CREATE TABLE "disbursement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"fiscal_month" integer NOT NULL,
	"document_no" text NOT NULL,
	"date" date NOT NULL,
	"amount_satang" bigint NOT NULL,
	"obligation_id" uuid,
	"reverses_id" uuid,
	"import_batch_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "execution_rule" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"position" integer NOT NULL,
	"rule" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "budget_line" ADD CONSTRAINT "budget_line_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_line" ADD CONSTRAINT "budget_line_unit_id_receiving_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."receiving_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_line_month" ADD CONSTRAINT "budget_line_month_line_id_budget_line_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."budget_line"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_line_month" ADD CONSTRAINT "budget_line_month_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_line_month" ADD CONSTRAINT "budget_line_month_unit_id_receiving_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."receiving_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_transfer" ADD CONSTRAINT "budget_transfer_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_transfer" ADD CONSTRAINT "budget_transfer_from_line_id_budget_line_id_fk" FOREIGN KEY ("from_line_id") REFERENCES "public"."budget_line"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_transfer" ADD CONSTRAINT "budget_transfer_to_line_id_budget_line_id_fk" FOREIGN KEY ("to_line_id") REFERENCES "public"."budget_line"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_transfer" ADD CONSTRAINT "budget_transfer_from_unit_id_receiving_unit_id_fk" FOREIGN KEY ("from_unit_id") REFERENCES "public"."receiving_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_transfer" ADD CONSTRAINT "budget_transfer_to_unit_id_receiving_unit_id_fk" FOREIGN KEY ("to_unit_id") REFERENCES "public"."receiving_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_transfer" ADD CONSTRAINT "budget_transfer_requested_by_app_user_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_transfer" ADD CONSTRAINT "budget_transfer_decided_by_app_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_transfer" ADD CONSTRAINT "budget_transfer_import_batch_id_import_batch_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carry_over" ADD CONSTRAINT "carry_over_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carry_over" ADD CONSTRAINT "carry_over_unit_id_receiving_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."receiving_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carry_over" ADD CONSTRAINT "carry_over_line_id_budget_line_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."budget_line"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carry_over" ADD CONSTRAINT "carry_over_requested_by_app_user_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carry_over" ADD CONSTRAINT "carry_over_decided_by_app_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_unit_id_receiving_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."receiving_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_line_id_budget_line_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."budget_line"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_import_batch_id_import_batch_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement" ADD CONSTRAINT "disbursement_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement" ADD CONSTRAINT "disbursement_unit_id_receiving_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."receiving_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement" ADD CONSTRAINT "disbursement_line_id_budget_line_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."budget_line"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement" ADD CONSTRAINT "disbursement_import_batch_id_import_batch_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement" ADD CONSTRAINT "disbursement_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "execution_rule" ADD CONSTRAINT "execution_rule_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "budget_line_identity" ON "budget_line" USING btree ("organization_id","identity_key");--> statement-breakpoint
CREATE INDEX "budget_line_unit_year" ON "budget_line" USING btree ("organization_id","fiscal_year","unit_id");--> statement-breakpoint
CREATE INDEX "budget_line_month_unit" ON "budget_line_month" USING btree ("organization_id","fiscal_year","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_transfer_document" ON "budget_transfer" USING btree ("organization_id","fiscal_year","document_no");--> statement-breakpoint
CREATE UNIQUE INDEX "carry_over_line_kind" ON "carry_over" USING btree ("line_id","kind");--> statement-breakpoint
CREATE INDEX "carry_over_unit_year" ON "carry_over" USING btree ("organization_id","fiscal_year","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "commitment_document" ON "commitment" USING btree ("organization_id","fiscal_year","kind","document_no");--> statement-breakpoint
CREATE INDEX "commitment_line" ON "commitment" USING btree ("line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "disbursement_document" ON "disbursement" USING btree ("organization_id","fiscal_year","document_no");--> statement-breakpoint
CREATE INDEX "disbursement_line" ON "disbursement" USING btree ("line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "execution_rule_position" ON "execution_rule" USING btree ("organization_id","kind","position");--> statement-breakpoint
SELECT pbis_secure_unit_table('budget_line');
--> statement-breakpoint
SELECT pbis_secure_unit_table('budget_line_month');
--> statement-breakpoint
SELECT pbis_secure_unit_table('commitment');
--> statement-breakpoint
SELECT pbis_secure_unit_table('disbursement');
--> statement-breakpoint
SELECT pbis_secure_unit_table('carry_over');
--> statement-breakpoint
-- A transfer belongs to both its units: either one in scope shows it, and a write needs the
-- source unit in scope (the maker asks to move their own money).
ALTER TABLE "budget_transfer" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "budget_transfer" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY transfer_in_scope ON "budget_transfer" USING (
  (SELECT pbis_scope()) = 'all'
  OR from_unit_id IN (SELECT id FROM receiving_unit)
  OR to_unit_id IN (SELECT id FROM receiving_unit)
) WITH CHECK (
  (SELECT pbis_scope()) = 'all'
  OR from_unit_id IN (SELECT id FROM receiving_unit)
);
