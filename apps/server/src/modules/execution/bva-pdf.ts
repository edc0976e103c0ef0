import { BUDDHIST_ERA_OFFSET, THAI_MONTHS, toThaiDigits, type CivilDate } from '@pbis/core';
import { renderTypstPdf, type RenderedPdf } from '../../pdf/typst.js';

/*
 * The table reports of budget execution as Thai PDFs (Typst, Laksaman: pdf/typst.ts): A4 landscape,
 * a title block with the day the figures are at in the Buddhist era, one table whose header row
 * repeats on every page, and lines under it (the totals in words). Every text comes in as data,
 * never as Typst markup, so a unit or project name cannot change the layout.
 */

export interface PdfTableRow {
  /** 0 = a top row; each level indents its name a step. */
  indent: number;
  cells: string[];
  /** A heading or total row: bold on a grey band. */
  emphasis?: boolean;
}

export interface PdfTable {
  title: string;
  subtitle: string[];
  headers: string[];
  rows: PdfTableRow[];
  /** Widths in cm of the columns after the first (which takes the rest); default: their content. */
  widths?: number[];
  notes: string[];
  /** Font size of the table in points (the title block is larger). */
  size?: number;
}

const SOURCE = String.raw`
#let data = json(bytes(sys.inputs.data))
#set page(flipped: true, margin: (top: 1.8cm, bottom: 1.5cm, left: 1.5cm, right: 1.5cm))
#align(center)[
  #text(size: 18pt, weight: "bold")[#data.title]
  #for s in data.subtitle [ \ #s ]
]
#v(0.3em)
#set text(size: data.size * 1pt)
#set par(leading: 0.55em)
#let n = data.headers.len()
#table(
  columns: (1fr,) + if data.widths == none { range(n - 1).map(_ => auto) } else { data.widths.map(w => w * 1cm) },
  align: (x, y) => if y == 0 { center + horizon } else if x == 0 { left } else { right },
  inset: (x: 4pt, y: 3pt),
  table.header(..data.headers.map(h => [#h])),
  ..data.rows.map(r => {
    let name = pad(left: r.indent * 0.9em)[#r.cells.at(0)]
    let cells = (name,) + r.cells.slice(1).map(c => [#c])
    if r.emphasis {
      cells.map(c => table.cell(fill: luma(232))[#strong(c)])
    } else { cells }
  }).flatten(),
)
#set text(size: 14pt)
#for s in data.notes [ #s \ ]
`;

export function renderTablePdf(t: PdfTable): RenderedPdf {
  const rows = t.rows.map((r) => ({ ...r, emphasis: r.emphasis ?? false }));
  return renderTypstPdf(
    SOURCE,
    { ...t, rows, size: t.size ?? 11, widths: t.widths ?? null },
    t.title,
  );
}

/** "30 กันยายน พ.ศ. ๒๕๖๕" — a day as Thai documents write it, Thai digits. */
export function thaiLongDate(d: CivilDate): string {
  const m = THAI_MONTHS[d.month - 1]!;
  return toThaiDigits(`${d.day} ${m.name} พ.ศ. ${d.year + BUDDHIST_ERA_OFFSET}`);
}

/** Today in Bangkok (UTC+7 all year). */
function bangkokToday(now: Date): CivilDate {
  const d = new Date(now.getTime() + 7 * 3_600_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The day the figures are at, as the title block says it. */
export function asOfLine(asOf: CivilDate | null, now = new Date()): string {
  return asOf
    ? `ข้อมูล ณ วันที่ ${thaiLongDate(asOf)}`
    : `ข้อมูล ณ วันที่ ${thaiLongDate(bangkokToday(now))} (ยอดล่าสุด)`;
}
