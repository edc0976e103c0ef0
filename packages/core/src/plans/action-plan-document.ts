/**
 * The document model of a unit's annual action plan (แผนปฏิบัติการประจำปี), shaped after the seed
 * (the BMA Budget Office's FY2565 plan). It is what the action-plan report prints (PDF, XLSX) and
 * what the demo data loads: the plans module produces it from the database for the report.
 *
 * Conventions
 * - Money: integer satang as `bigint` (`budgetSatang`); `null` where the plan prints "-" (an item
 *   without money of its own). Never a float.
 * - Weights, results, scores, percentages: exact decimal strings as printed ("92.820", "10").
 * - Fiscal months: 1 = ต.ค. … 12 = ก.ย. (as core's `validateWorkPlan` and `FISCAL_MONTHS`).
 * - Years: Buddhist era (2565).
 * - Text is Thai as the plan prints it, with the correct spelling (GLOSSARY.md), not the OCR's.
 * - The source's own inconsistencies are kept as they are and declared in `sourceIssues`, so a
 *   validator reports them and the report can show them; they are never silently fixed.
 */
import type { Criteria } from '../scoring/schema.js';

/** Identifier of an entity inside one document (stable, e.g. "kpi-1", "measure-2", "wp-2"). */
export type ActionPlanDocId = string;

export interface ActionPlanNamedCode {
  /** Code as the plan uses it ("7", "7.2", "7.2.1.1") or a PBIS code ("BDO-BSO"). */
  readonly code: string;
  readonly nameTh: string;
  readonly nameEn?: string;
}

/** A receiving unit (หน่วยรับงบประมาณ) named in a division's duties. */
export interface ActionPlanUnitRef {
  readonly code: string;
  readonly nameTh: string;
}

/** A division (ส่วนราชการ) of the unit and its duties (อำนาจหน้าที่). */
export interface ActionPlanDivision extends ActionPlanNamedCode {
  /** Duties as paragraphs. */
  readonly dutiesTh: readonly string[];
  /** For an analysis division: the receiving units it is responsible for (official names). */
  readonly responsibleUnits: readonly ActionPlanUnitRef[];
}

export interface ActionPlanSwot {
  readonly strengths: readonly string[];
  readonly weaknesses: readonly string[];
  readonly opportunities: readonly string[];
  readonly threats: readonly string[];
}

/** A narrative row of the previous year's agreement results (ตัวชี้วัด / เป้าหมาย / ผลสำเร็จ …). */
export interface ActionPlanPreviousYearRow {
  readonly number: string;
  readonly indicatorTh: string;
  readonly targetTh: string;
  readonly achievedTh: string;
  readonly supportingProjectTh: string;
  readonly detailsTh: string;
  readonly remarkTh: string;
}

/** A scored row: น้ำหนัก / ผลการดำเนินงาน / คะแนนที่ได้ / ค่าคะแนนถ่วงน้ำหนัก, as printed. */
export interface ActionPlanPreviousYearScore {
  readonly number?: string;
  readonly indicatorTh: string;
  /** Weight (%), decimal string. */
  readonly weight: string;
  /** Result (ผลการดำเนินงาน), decimal string. */
  readonly result: string;
  /** Score (คะแนนที่ได้), decimal string. */
  readonly score: string;
  /** Weighted score as printed; recomputes as score × weight ÷ 100 (SPEC §4). */
  readonly weightedScore: string;
}

/** One evaluation component (องค์ประกอบที่ n) of the previous year's agreement. */
export interface ActionPlanPreviousYearComponent {
  readonly number: number;
  readonly titleTh: string;
  readonly narrativeRows: readonly ActionPlanPreviousYearRow[];
  readonly scoredRows: readonly ActionPlanPreviousYearScore[];
}

export interface ActionPlanPreviousYear {
  /** The fiscal year reported (2564 for a 2565 plan). */
  readonly fiscalYear: number;
  readonly titleTh: string;
  readonly components: readonly ActionPlanPreviousYearComponent[];
}

/** A target of an indicator for one fiscal year; `textTh` null where the plan prints "-". */
export interface ActionPlanIndicatorTarget {
  readonly fiscalYear: number;
  readonly textTh: string | null;
  /** The target as a number where there is one (5 for "ระดับ 5", 0 for "ไม่เกินร้อยละ 0 …"). */
  readonly value?: string;
}

/** A row of a printed criteria table (ระดับความสำเร็จ / เกณฑ์ร้อยละ / การดำเนินงาน / คะแนน). */
export interface ActionPlanCriteriaRow {
  readonly level: number;
  /** เกณฑ์ร้อยละความสำเร็จ, decimal string. */
  readonly successPercent: string;
  readonly descriptionTh: string;
  /** คะแนนที่ได้รับ, decimal string; equals the points of `criteria` for the level. */
  readonly points: string;
}

export type ActionPlanIndicatorLevel = 'goal' | 'measure' | 'mission_task' | 'agreement';
export type ActionPlanUnitOfMeasure = 'level' | 'percent' | 'score' | 'system';
export type ActionPlanIndicatorDirection = 'higher_is_better' | 'lower_is_better';

export interface ActionPlanIndicator {
  readonly id: ActionPlanDocId;
  /** Number as the plan prints it ("1", "2", "3", "4", "5.1", "5.2"); absent for goal indicators. */
  readonly number?: string;
  readonly level: ActionPlanIndicatorLevel;
  readonly nameTh: string;
  readonly nameEn?: string;
  readonly unitOfMeasure: ActionPlanUnitOfMeasure;
  /** หน่วยนับ as printed: "ระดับ", "ร้อยละ", "คะแนน", "ระบบ". */
  readonly unitOfMeasureTh: string;
  readonly direction: ActionPlanIndicatorDirection;
  /** Targets per fiscal year (the seed shows 2563–2565 for goal and measure indicators). */
  readonly targets: readonly ActionPlanIndicatorTarget[];
  /** The FY target as printed in the key-indicator list and tables ก–ค ("ระดับ 5", "ร้อยละ 0"). */
  readonly targetTh?: string;
  /** นิยาม, as paragraphs. */
  readonly definitionTh: readonly string[];
  /** วิธีคำนวณ, as paragraphs. */
  readonly calculationTh: readonly string[];
  /** วิธีเก็บข้อมูล/หลักฐาน, as list items. */
  readonly evidenceTh: readonly string[];
  /** Scoring criteria (SPEC §4), checked by the core engine. */
  readonly criteria?: Criteria;
  readonly criteriaTable: readonly ActionPlanCriteriaRow[];
  /** Responsible division (BDO-BSO …); null where the plan does not name one. */
  readonly responsibleDivisionCode: string | null;
  /** Entered by people, or computed by PBIS from another module (the seam: `computedFrom`). */
  readonly source: 'entered' | 'computed';
  /** For a computed indicator, what computes it (e.g. "execution.disbursement_rate"). */
  readonly computedFrom?: string;
}

/** A measure (มาตรการ) of a goal. */
export interface ActionPlanMeasure {
  readonly id: ActionPlanDocId;
  readonly nameTh: string;
  readonly nameEn?: string;
  /** Where it comes from: BMA annual action plan, the 20-year development plan, or the unit. */
  readonly origin: 'bma_action_plan' | 'development_plan' | 'unit';
  /** The goal indicators this measure supports (ตัวชี้วัดเป้าประสงค์ printed above it). */
  readonly goalIndicatorIds: readonly ActionPlanDocId[];
  /** ตัวชี้วัดมาตรการ. */
  readonly indicatorIds: readonly ActionPlanDocId[];
  /** โครงการ/กิจกรรมรองรับมาตรการ, in order. */
  readonly projectIds: readonly ActionPlanDocId[];
}

export interface ActionPlanGoal extends ActionPlanNamedCode {
  readonly measures: readonly ActionPlanMeasure[];
}

export interface ActionPlanSubDimension extends ActionPlanNamedCode {
  readonly goals: readonly ActionPlanGoal[];
}

export interface ActionPlanDimension extends ActionPlanNamedCode {
  /** "ส่วนที่ 2 การบริหารจัดการ". */
  readonly partTh?: string;
  readonly subDimensions: readonly ActionPlanSubDimension[];
}

/** The strategy cascade: development plan → dimension → sub-dimension → goal → measure. */
export interface ActionPlanStrategy {
  readonly developmentPlan: ActionPlanNamedCode & {
    readonly yearFrom: number;
    readonly yearTo: number;
  };
  readonly dimensions: readonly ActionPlanDimension[];
}

export type ActionPlanProjectKind = 'project' | 'activity';
/** Which summary table a project belongs to. */
export type ActionPlanProjectGroup = 'strategic' | 'mission';

export interface ActionPlanProject {
  readonly id: ActionPlanDocId;
  readonly kind: ActionPlanProjectKind;
  readonly group: ActionPlanProjectGroup;
  readonly nameTh: string;
  readonly nameEn?: string;
  /** Satang; null where the plan prints "-". */
  readonly budgetSatang: bigint | null;
  readonly responsibleDivisionCode: string;
}

/** A mission task (ภารกิจ) of the unit, linked to a goal, with its indicator and projects. */
export interface ActionPlanMissionTask {
  readonly id: ActionPlanDocId;
  readonly number: number;
  readonly nameTh: string;
  readonly indicatorId: ActionPlanDocId;
  /** เป้าหมาย/ความสำเร็จตามภารกิจ as printed. */
  readonly targetTh: string;
  /** The goal of the BMA action plan it links to (code). */
  readonly goalCode: string;
  readonly projectIds: readonly ActionPlanDocId[];
}

/** A group of the budget summary (สรุปโครงการ/กิจกรรมและงบประมาณ) with its printed total. */
export interface ActionPlanBudgetGroup {
  readonly group: ActionPlanProjectGroup;
  readonly titleTh: string;
  readonly projectIds: readonly ActionPlanDocId[];
  /** The total as the plan states it (null for "-"); must equal the sum of the projects. */
  readonly statedTotalSatang: bigint | null;
}

/** An item of the baseline list (บัญชีรายการ/โครงการประจำปีพื้นฐาน). */
export interface ActionPlanBaselineItem {
  readonly number: number;
  readonly programmeTh: string;
  readonly outputTh: string;
  readonly itemTh: string;
  readonly projectTh: string;
  readonly budgetSatang: bigint;
}

/** A key indicator as listed in ตัวชี้วัดผลการดำเนินงานหลัก (name and target as printed there). */
export interface ActionPlanKeyIndicatorItem {
  readonly indicatorId: ActionPlanDocId;
  readonly nameTh: string;
  readonly targetTh: string;
}

export interface ActionPlanKeyIndicatorGroup {
  readonly titleTh: string;
  readonly items: readonly ActionPlanKeyIndicatorItem[];
}

/** A row of tables ก–ค: indicator, target, responsible division, measure, projects. */
export interface ActionPlanEvaluationRow {
  readonly indicatorId: ActionPlanDocId;
  /** The number printed in the row (table ค starts at 2 as the seed does). */
  readonly number: string;
  /** มาตรการ (ตามแผนฯ ของหน่วยงาน); absent in table ง. */
  readonly measureTh?: string;
  /** The evaluation component (number) the row belongs to, where the table prints them. */
  readonly component?: number;
  /** Projects/activities as printed in the row. */
  readonly projectsTh: readonly string[];
}

/** One of the evaluation tables ก–ง. */
export interface ActionPlanEvaluationTable {
  readonly key: 'ก' | 'ข' | 'ค' | 'ง';
  readonly titleTh: string;
  /** The evaluation components it covers (องค์ประกอบที่ n …), as printed. */
  readonly components: readonly { readonly number: number; readonly titleTh: string }[];
  /** The goal the rows belong to (code), where the table prints the cascade. */
  readonly goalCode?: string;
  readonly rows: readonly ActionPlanEvaluationRow[];
}

/** A step of an activity work plan (ขั้นตอนการปฏิบัติงาน). */
export interface ActionPlanWorkStep {
  readonly step: number;
  readonly textTh: string;
  /** Sub-items printed under the step (2.1, 2.2, "- …"). */
  readonly detailsTh: readonly string[];
  /** เนื้องานรายขั้นตอน (ร้อยละ) as printed, decimal string. */
  readonly stepWeight: string;
  /** คิดความก้าวหน้า (ร้อยละ) as printed, decimal string. */
  readonly cumulativeProgress: string;
  /** Planned fiscal months 1 (ต.ค.) … 12 (ก.ย.); empty where the source shows none. */
  readonly months: readonly number[];
}

export interface ActionPlanWorkPlan {
  readonly id: ActionPlanDocId;
  /** กิจกรรมที่ n. */
  readonly number: number;
  readonly indicatorId: ActionPlanDocId;
  readonly projectId: ActionPlanDocId;
  readonly titleTh: string;
  readonly responsibleDivisionCode: string;
  /** The header of the progress column as printed ("… ของกิจกรรม" / "… ของโครงการ"). */
  readonly progressColumnTh: string;
  readonly steps: readonly ActionPlanWorkStep[];
  /** The total row as printed (รวม n ขั้นตอน คิดเป็นร้อยละ 100 / 100). */
  readonly statedTotalStepWeight: string;
  readonly statedTotalCumulative: string;
  readonly noteTh?: string;
  /** 'seed': transcribed; 'derived': built from other parts of the plan (see sourceIssues). */
  readonly origin: 'seed' | 'derived';
}

export type ActionPlanIssueCode =
  /** The criteria have a gap (or overlap) the engine reports (indicator 2's bands). */
  | 'criteria_gap'
  /** The work plan's step-weight column holds cumulative values (activity 3). */
  | 'work_plan_weights_cumulative'
  /** Steps without planned months: the source shows none (`steps`). */
  | 'work_plan_months_missing'
  /** A work plan the source does not give, built from other parts of the plan. */
  | 'work_plan_derived'
  /** Parts printed from the stored transcription, not the database (a document built from it). */
  | 'transcribed_parts';

/** An inconsistency or gap of the source, kept visible; a validator must report exactly these. */
export interface ActionPlanSourceIssue {
  readonly code: ActionPlanIssueCode;
  readonly indicatorId?: ActionPlanDocId;
  readonly workPlanId?: ActionPlanDocId;
  readonly steps?: readonly number[];
  readonly noteTh: string;
  readonly noteEn: string;
}

export interface ActionPlanDocument {
  readonly schemaVersion: 1;
  readonly fiscalYear: number;
  readonly organization: ActionPlanNamedCode;
  readonly unit: ActionPlanNamedCode & { readonly abbreviationTh?: string };
  /** "แผนปฏิบัติการ ประจำปี พ.ศ. 2565". */
  readonly titleTh: string;
  /** คำนำ, paragraphs. */
  readonly introductionTh: readonly string[];
  /** ข้อมูลทั่วไป/สถานการณ์, paragraphs. */
  readonly situationTh: readonly string[];
  /** Staffing as stated (กรอบอัตรา): civil servants and other BMA personnel. */
  readonly staffing?: { readonly civilServants: number; readonly otherPersonnel: number };
  readonly divisions: readonly ActionPlanDivision[];
  readonly swot: ActionPlanSwot;
  readonly previousYear: ActionPlanPreviousYear;
  readonly visionTh: string;
  readonly missionStatementsTh: readonly string[];
  /** เป้าหมาย: the goals the unit's plan serves (codes into the cascade). */
  readonly goalCodes: readonly string[];
  readonly keyIndicators: readonly ActionPlanKeyIndicatorGroup[];
  readonly strategy: ActionPlanStrategy;
  readonly indicators: readonly ActionPlanIndicator[];
  readonly projects: readonly ActionPlanProject[];
  readonly missionTasks: readonly ActionPlanMissionTask[];
  readonly budgetSummary: readonly ActionPlanBudgetGroup[];
  readonly baselineItems: readonly ActionPlanBaselineItem[];
  /** The count printed in the baseline list's total row ("รวม 1 โครงการ"). */
  readonly baselineStatedCount: number;
  readonly evaluationTables: readonly ActionPlanEvaluationTable[];
  readonly workPlans: readonly ActionPlanWorkPlan[];
  readonly sourceIssues: readonly ActionPlanSourceIssue[];
}
