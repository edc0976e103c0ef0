CREATE TABLE "fiscal_year_close" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"carry_deadline" date NOT NULL,
	"totals" jsonb NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "budget_line" ADD COLUMN "lapsed_satang" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "budget_line" ADD COLUMN "lapsed_on" date;--> statement-breakpoint
ALTER TABLE "budget_line" ADD COLUMN "carry_extension_reason" text;--> statement-breakpoint
ALTER TABLE "carry_over" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "carry_over" ADD COLUMN "decision_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "commitment" ADD COLUMN "carried_from_id" uuid;--> statement-breakpoint
ALTER TABLE "commitment" ADD COLUMN "origin" text;--> statement-breakpoint
ALTER TABLE "fiscal_year_close" ADD CONSTRAINT "fiscal_year_close_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fiscal_year_close" ADD CONSTRAINT "fiscal_year_close_closed_by_app_user_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fiscal_year_close_year" ON "fiscal_year_close" USING btree ("organization_id","fiscal_year");