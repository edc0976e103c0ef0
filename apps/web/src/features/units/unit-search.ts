import {
  UNIT_KINDS,
  UNIT_SORTS,
  type SortOrder,
  type UnitKind,
  type UnitSort,
} from '@pbis/contract';

/** The Units page state kept in the URL: search text, filters and sort. */
export interface UnitSearch {
  q?: string;
  kind?: UnitKind;
  division?: number;
  inactive?: boolean;
  sort?: UnitSort;
  order?: SortOrder;
}

const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);

export function validateUnitSearch(s: Record<string, unknown>): UnitSearch {
  const out: UnitSearch = {};
  if (typeof s.q === 'string' && s.q.trim()) out.q = s.q.slice(0, 200);
  if (isOneOf(UNIT_KINDS, s.kind)) out.kind = s.kind;
  const division = Number(s.division);
  if (Number.isInteger(division) && division >= 1 && division <= 99) out.division = division;
  if (s.inactive === true || s.inactive === 'true') out.inactive = true;
  if (isOneOf(UNIT_SORTS, s.sort)) out.sort = s.sort;
  if (s.order === 'asc' || s.order === 'desc') out.order = s.order;
  return out;
}
