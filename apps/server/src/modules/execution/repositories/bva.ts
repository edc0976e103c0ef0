import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../../db/client.js';

/*
 * The reads of budget vs actual (bva-service.ts) that the lines' running totals do not answer:
 * the figures at a past day (monthly totals, and the entries after the day), and a line's
 * documents. Row-level security decides what each read sees.
 */

export interface LineAsOf {
  lineId: string;
  transfer: bigint;
  obligated: bigint;
  disbursed: bigint;
  /** Paid without an obligation after the day (the line's total less this is the total then). */
  directAfter: bigint;
}

/**
 * Per line of the year: transfers, obligations and payments of the fiscal months 1..month (the
 * monthly totals), less the entries of `month` dated after `iso`; and the payments without an
 * obligation dated after `iso` (the monthly totals do not keep them apart).
 */
export async function linesAsOf(
  db: Executor,
  organizationId: string,
  year: number,
  month: number,
  iso: string,
): Promise<Map<string, LineAsOf>> {
  const rows = await queryRows<{
    line_id: string;
    t: string;
    o: string;
    d: string;
    dd: string;
  }>(
    db,
    sql`with m as (
        select line_id, sum(transfer_net_satang) t, sum(obligated_satang) o, sum(disbursed_satang) d
        from budget_line_month
        where organization_id = ${organizationId} and fiscal_year = ${year} and fiscal_month <= ${month}
        group by line_id),
      later_paid as (
        select line_id,
          sum(amount_satang) filter (where fiscal_month = ${month}) d,
          sum(amount_satang) filter (where obligation_id is null) dd
        from disbursement
        where organization_id = ${organizationId} and fiscal_year = ${year} and date > ${iso}
        group by line_id),
      later_obligated as (
        select line_id, sum(amount_satang) o from commitment
        where organization_id = ${organizationId} and fiscal_year = ${year} and kind = 'obligation'
          and fiscal_month = ${month} and date > ${iso}
        group by line_id),
      later_moved as (
        select line_id, sum(v) t from (
          select to_line_id line_id, amount_satang v from budget_transfer
          where organization_id = ${organizationId} and fiscal_year = ${year} and status = 'approved'
            and fiscal_month = ${month} and date > ${iso}
          union all
          select from_line_id, -amount_satang from budget_transfer
          where organization_id = ${organizationId} and fiscal_year = ${year} and status = 'approved'
            and fiscal_month = ${month} and date > ${iso}) x
        group by line_id),
      ids as (
        select line_id from m union select line_id from later_paid
        union select line_id from later_obligated union select line_id from later_moved)
    select ids.line_id,
      (coalesce(m.t, 0) - coalesce(lm.t, 0))::text t,
      (coalesce(m.o, 0) - coalesce(lo.o, 0))::text o,
      (coalesce(m.d, 0) - coalesce(lp.d, 0))::text d,
      coalesce(lp.dd, 0)::text dd
    from ids
    left join m on m.line_id = ids.line_id
    left join later_paid lp on lp.line_id = ids.line_id
    left join later_obligated lo on lo.line_id = ids.line_id
    left join later_moved lm on lm.line_id = ids.line_id`,
  );
  return new Map(
    rows.map((r) => [
      r.line_id,
      {
        lineId: r.line_id,
        transfer: BigInt(r.t),
        obligated: BigInt(r.o),
        disbursed: BigInt(r.d),
        directAfter: BigInt(r.dd),
      },
    ]),
  );
}

export interface LineDocumentRow {
  kind: string;
  document_no: string;
  date: string;
  amount: string;
  settled: string | null;
  vendor: string | null;
  obligation_no: string | null;
  counterpart: string | null;
  status: string | null;
  detail: string | null;
  total: string;
}

/**
 * A line's documents, newest first, one page: reservations and obligations (with what was settled
 * from them), disbursements (with the obligation paid), transfers in and out (with the other
 * line's unit and project), carry-overs (dated the last day of the fiscal year).
 */
export function lineDocuments(
  db: Executor,
  organizationId: string,
  lineId: string,
  limit: number,
  offset: number,
): Promise<LineDocumentRow[]> {
  return queryRows<LineDocumentRow>(
    db,
    sql`with docs as (
        select c.kind, c.document_no, c.date, c.amount_satang amount, c.settled_satang settled,
          c.vendor, null::text obligation_no, null::text counterpart, null::text status,
          null::text detail, c.created_at
        from commitment c where c.organization_id = ${organizationId} and c.line_id = ${lineId}
        union all
        select 'disbursement', d.document_no, d.date, d.amount_satang, null, null, o.document_no,
          null, null, null, d.created_at
        from disbursement d left join commitment o on o.id = d.obligation_id
        where d.organization_id = ${organizationId} and d.line_id = ${lineId}
        union all
        select case when t.to_line_id = ${lineId} then 'transfer_in' else 'transfer_out' end,
          t.document_no, t.date, t.amount_satang, null, null, null,
          case when ol.id is null then null
            else coalesce(u.code || ' ' || u.name_th || ' · ', '') || ol.project end,
          t.status, t.reason, t.created_at
        from budget_transfer t
        left join budget_line ol on ol.id = case when t.to_line_id = ${lineId} then t.from_line_id else t.to_line_id end
        left join receiving_unit u on u.id = ol.unit_id
        where t.organization_id = ${organizationId} and (t.to_line_id = ${lineId} or t.from_line_id = ${lineId})
        union all
        select 'carry_over', coalesce(nullif(co.reference, ''), '-'), make_date(co.fiscal_year - 543, 9, 30),
          co.amount_satang, null, null, null, null, co.status, co.kind, co.created_at
        from carry_over co where co.organization_id = ${organizationId} and co.line_id = ${lineId})
    select kind, document_no, date::text date, amount::text amount, settled::text settled, vendor,
      obligation_no, counterpart, status, detail, (count(*) over ())::text total
    from docs
    order by docs.date desc, docs.created_at desc, document_no desc
    limit ${limit} offset ${offset}`,
  );
}
