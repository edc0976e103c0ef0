/**
 * The Typst template of the action-plan PDF, in the seed's structure. Data arrives as the view
 * model (all strings); text from the data is always placed as `[#x]`, never parsed as markup.
 * Page numbers: none on the cover, foreword and contents; Thai digits from the first page of the
 * body ("- ๑ -"), counted from the `<body-start>` label. Wide tables (previous year, tables ก–ง,
 * the work plans) are on landscape pages; every table repeats its header rows across pages.
 */
export const ACTION_PLAN_TEMPLATE = String.raw`
#let data = json(bytes(sys.inputs.data))
#let small = 13pt
#let tiny = 12pt
#let bar-fill = rgb("#3d5a80")
#let head-fill = luma(232)

#let body-page(p) = {
  let s = query(<body-start>)
  if s.len() == 0 { none } else {
    let start = s.first().location().page()
    if p >= start { p - start + 1 } else { none }
  }
}
#set page(header: context {
  let n = body-page(here().page())
  if n != none { align(center, text(size: 14pt, "- " + thai-digits(n) + " -")) }
})
// Room for stacked Thai vowels and tone marks: between lines, blocks and inside table cells.
#set par(leading: 0.8em, spacing: 1em)
#set block(spacing: 1em)
#set table(inset: (x: 5pt, y: 6pt))
#set table.cell(breakable: false)
#show table.cell.where(y: 0): set text(weight: "bold")
// Proper nouns are not broken across lines.
#show "กรุงเทพมหานคร": it => box(it)

#let txt(x) = [#x]
#let paras(xs) = xs.map(x => par(first-line-indent: (amount: 2.5em, all: true))[#x]).join()
#let lines(xs) = xs.map(txt).join(linebreak())
#let cell-text(c) = {
  if type(c) == array { c.map(txt).join(linebreak()) } else {
    let parts = c.split("\n")
    parts.map(txt).join(linebreak())
  }
}
#let hdr(..cells) = table.header(..cells.pos().map(c => table.cell(fill: head-fill, align: center + horizon)[*#c*]))
#let grid-table(columns: (), header: (), rows: (), size: small, aligns: none) = {
  set text(size: size)
  table(
    columns: columns,
    align: if aligns == none { left + top } else { (x, y) => if y == 0 { center + horizon } else { aligns.at(x) } },
    hdr(..header),
    ..rows.map(r => r.map(cell-text)).flatten(),
  )
}
#let section(title) = heading(level: 1, outlined: true)[#title]
#let sub(title) = heading(level: 2, outlined: false)[#title]
#let numbered-list(xs) = {
  for (i, x) in xs.enumerate() { block(above: 0.8em, below: 0.8em, grid(columns: (2em, 1fr), [#(i + 1).], [#x])) }
}

// ---------------------------------------------------------------- cover
#page(header: none)[
  #set align(center + horizon)
  #block(below: 2.5em, text(size: 36pt, weight: "bold")[#data.cover.title])
  #block(below: 2.5em, text(size: 28pt, weight: "bold")[#data.cover.year])
  #text(size: 26pt, weight: "bold")[#data.cover.unit]
]

// ---------------------------------------------------------------- foreword, contents
#align(center, text(size: 20pt, weight: "bold")[คำนำ])
#v(1em)
#paras(data.intro)
#v(2em)
#align(right)[#data.cover.unit]
#pagebreak()

#align(center, text(size: 20pt, weight: "bold")[สารบัญ])
#v(0.5em)
#align(right)[*หน้า*]
#context {
  for h in query(heading.where(level: 1, outlined: true)) {
    let n = body-page(h.location().page())
    block(below: 0.6em, link(h.location(), grid(
      columns: (1fr, auto),
      column-gutter: 0.5em,
      align: bottom,
      [#h.body #box(width: 1fr, repeat[.])],
      [#if n != none { thai-digits(n) }],
    )))
  }
}
#pagebreak()

// ---------------------------------------------------------------- body
#metadata("body") <body-start>
#section[สาระสำคัญของแผนปฏิบัติการประจำปี]
#sub[ข้อมูลทั่วไป/สถานการณ์]
#paras(data.situation)

#section[ภารกิจส่วนราชการของ#data.cover.unit]
#for d in data.divisions {
  sub(d.name)
  paras(d.duties)
  if d.units.len() > 0 {
    par(first-line-indent: (amount: 2.5em, all: true))[โดยมีหน่วยงานที่อยู่ในความรับผิดชอบ ได้แก่ #d.units.map(u => box[#u]).join(" ")]
  }
}

#pagebreak(weak: true)
#section[การวิเคราะห์สภาพแวดล้อมองค์กร (SWOT)]
#{
  set text(size: tiny)
  set grid.cell(breakable: false)
  grid(
    columns: (1fr, 1fr),
    inset: 8pt,
    stroke: 0.5pt + luma(120),
    ..data.swot.map(q => [
      #text(weight: "bold", size: 14pt)[#q.title]
      #for (i, x) in q.items.enumerate() { block(above: 0.5em, grid(columns: (1.5em, 1fr), [#(i + 1).], [#x])) }
    ]),
  )
}

#page(flipped: true)[
  #section[#data.previous.title]
  #for c in data.previous.components {
    sub(c.title)
    if c.narrative.len() > 0 {
      grid-table(
        columns: (3fr, 1.6fr, 1.3fr, 2.4fr, 2.4fr, 0.8fr),
        header: ("ตัวชี้วัด", "เป้าหมาย", "ผลสำเร็จ", "โครงการ/กิจกรรมที่สนับสนุน", "รายละเอียดผลการดำเนินงาน", "หมายเหตุ"),
        rows: c.narrative,
      )
    }
    for s in c.scored {
      block(breakable: false, above: 1em)[
        #block(below: 0.5em)[#s.indicator]
        #grid-table(
          columns: (1fr, 1fr, 1fr, 1fr),
          header: ("น้ำหนัก (ร้อยละ)", "ผลการดำเนินงาน", "คะแนนที่ได้", "ค่าคะแนนถ่วงน้ำหนัก"),
          rows: (s.cells,),
          aligns: (center, center, center, center),
        )
      ]
    }
  }
]

#section[วิสัยทัศน์ พันธกิจ และเป้าหมาย]
#sub[วิสัยทัศน์]
#paras((data.vision,))
#sub[พันธกิจ]
#numbered-list(data.missions)
#sub[เป้าหมาย]
#lines(data.goals)

#section[ตัวชี้วัดผลการดำเนินงานหลัก]
#for g in data.keyGroups {
  sub([- #g.title])
  for (i, it) in g.items.enumerate() {
    block(above: 0.5em, grid(columns: (2em, 1fr), [#(i + 1).], [#it.name #h(0.3em) *ค่าเป้าหมาย :* #it.target]))
  }
}

#pagebreak()
#section[มาตรการและโครงการยุทธศาสตร์ตามแผนปฏิบัติราชการกรุงเทพมหานคร ประจำปี พ.ศ. #data.targetYears.at(2)]
#let target-table(rows) = {
  set text(size: small)
  table(
    columns: (3.2em, 2fr, 1fr, 1fr, 1.2fr),
    align: (x, y) => if x == 1 and y > 1 { left + top } else { center + top },
    table.header(
      table.cell(rowspan: 2, fill: head-fill, align: center + horizon)[*ลำดับที่*],
      table.cell(rowspan: 2, fill: head-fill, align: center + horizon)[*ตัวชี้วัด*],
      table.cell(colspan: 3, fill: head-fill)[*ค่าเป้าหมาย*],
      ..data.targetYears.map(y => table.cell(fill: head-fill)[*#y*]),
    ),
    ..rows.map(r => r.map(cell-text)).flatten(),
  )
}
#let project-table(rows, first: "โครงการ/กิจกรรมยุทธศาสตร์") = grid-table(
  columns: (3.2em, 1fr, 3cm, 3.6cm),
  header: ("ลำดับที่", first, "งบประมาณ (บาท)", "ส่วนราชการ"),
  rows: rows,
  aligns: (center + top, left + top, right + top, left + top),
)
#for (i, m) in data.measures.enumerate() {
  if i > 0 { pagebreak() }
  block(below: 0.8em, text(weight: "bold")[#lines(m.cascade)])
  sub[ตัวชี้วัดเป้าประสงค์]
  target-table(m.goalIndicators)
  sub[มาตรการสนับสนุนเป้าประสงค์]
  [#m.measure]
  sub[ตัวชี้วัดมาตรการ]
  target-table(m.measureIndicators)
  sub[โครงการ/กิจกรรมรองรับมาตรการ]
  project-table(m.projects)
}

#pagebreak()
#section[โครงการ/กิจกรรมตามภารกิจสำคัญของหน่วยงาน (ยุทธศาสตร์ของหน่วยงาน)]
#for t in data.missionTasks {
  block(above: 1.4em)[*#t.title*]
  block[*ตัวชี้วัดภารกิจสำคัญของหน่วยงาน :* #t.indicator]
  block[*เป้าหมาย/ความสำเร็จตามภารกิจ :* #t.target]
  block[*ความเชื่อมโยงกับแผนปฏิบัติราชการกรุงเทพมหานคร ประจำปี พ.ศ. #data.targetYears.at(2) :* #t.link]
  project-table(t.projects, first: "โครงการ/กิจกรรมสำคัญ")
}

#pagebreak()
#section[สรุปโครงการ/กิจกรรมและงบประมาณ ประจำปี พ.ศ. #data.targetYears.at(2)]
#for s in data.summary {
  sub(s.title)
  set text(size: small)
  table(
    columns: (3.2em, 1fr, 3cm, 3.6cm),
    align: (x, y) => if y == 0 { center + horizon } else if x == 2 { right + top } else if x == 0 { center + top } else { left + top },
    hdr("ลำดับที่", "ชื่อโครงการ/กิจกรรม", "งบประมาณ (บาท)", "ส่วนราชการที่รับผิดชอบ"),
    ..s.rows.map(r => r.map(cell-text)).flatten(),
    table.cell(colspan: 2, align: center)[*รวมงบประมาณทั้งสิ้น* #if s.words != none [\ (#s.words)]],
    table.cell(align: right)[*#s.total*],
    [],
  )
}

#sub[บัญชีรายการ/โครงการประจำปีพื้นฐาน]
#{
  set text(size: small)
  table(
    columns: (3.2em, 1.3fr, 1fr, 3cm),
    align: (x, y) => if y == 0 { center + horizon } else if x == 3 { right + top } else if x == 0 { center + top } else { left + top },
    hdr("ลำดับที่", "แผนงาน/ผลผลิต/งาน", "รายการ/โครงการ", "งบประมาณ (บาท)"),
    ..data.baseline.rows.map(r => r.map(cell-text)).flatten(),
    table.cell(colspan: 2, align: center)[*รวม*],
    table.cell(align: center)[*#data.baseline.count*],
    table.cell(align: right)[*#data.baseline.total*],
  )
}

// ---------------------------------------------------------------- tables ก–ง
#let definition-cell(sections, steps) = {
  for s in sections {
    block(above: 1em, below: 0.9em)[#underline(offset: 4pt)[*#s.label*]]
    if s.numbered {
      for (i, p) in s.paras.enumerate() { block(above: 0.4em, grid(columns: (1.5em, 1fr), [#(i + 1).], [#p])) }
    } else {
      for p in s.paras { block(above: 0.4em)[#p] }
    }
  }
  if steps != none {
    v(0.3em)
    table(
      columns: (1fr,) + steps.header.slice(1).map(_ => 1.2cm),
      align: center + horizon,
      ..steps.header.map(h => table.cell(fill: head-fill)[*#h*]),
      ..steps.values.map(txt),
    )
  }
}
#let criteria-sheet(c) = block(above: 1.2em, breakable: false)[
  #block(below: 0.6em)[*#c.title*]
  #grid-table(
    columns: (2.8cm, 3.2cm, 1fr, 2.6cm),
    header: c.header,
    rows: c.rows,
    aligns: (center + top, center + top, left + top, center + top),
  )
  #for x in c.issues {
    block(above: 0.6em, text(size: small, fill: rgb("#8a4b00"))[ข้อสังเกตจากการตรวจสอบข้อมูล : #x])
  }
]

#page(flipped: true)[
  #section[การนำแผนฯ ไปสู่การปฏิบัติและการติดตามประเมินผล]
  #align(center)[*แนวทางการประเมินผลการปฏิบัติราชการตามคำรับรองการปฏิบัติราชการประจำปี พ.ศ. #data.targetYears.at(2)*]
  #for (ti, t) in data.tables.enumerate() {
    if ti > 0 { pagebreak() }
    heading(level: 1, outlined: true)[#t.title]
    for c in t.components { block(below: 0.3em)[*#c*] }
    if t.cascade.len() > 0 { block(below: 0.6em)[#lines(t.cascade)] }
    for (bi, b) in t.blocks.enumerate() {
      if t.kind == "indicator" {
        if bi > 0 { pagebreak() }
        grid-table(
          columns: (3.2em, 1fr, 3.2cm, 4.2cm),
          header: ("ลำดับที่", "ตัวชี้วัด", "ค่าเป้าหมาย", "หน่วยงานรับผิดชอบ"),
          rows: (b.head,),
          aligns: (center + top, left + top, center + top, left + top),
        )
        v(0.6em)
        {
          set text(size: small)
          table(
            columns: (4.2cm, 4.6cm, 1fr, 5cm),
            hdr("มาตรการ (ตามแผนฯ ของหน่วยงาน)", "ตัวชี้วัดมาตรการ (ตามแผนฯ ของหน่วยงาน)", "นิยาม/คำอธิบายตัวชี้วัด", "โครงการ/กิจกรรม"),
            ..(txt(b.measure), txt(b.measureIndicator), definition-cell(b.definition, b.steps), lines(b.projects)).map(c => table.cell(breakable: true, c)),
          )
        }
        if b.criteria != none { criteria-sheet(b.criteria) }
      } else {
        if b.component != none and (bi == 0 or t.blocks.at(bi - 1).component != b.component) {
          block(above: 1em, below: 0.5em)[*#b.component*]
        }
        set text(size: small)
        table(
          columns: (5cm, 1fr, 5cm),
          hdr("ตัวชี้วัด", "นิยาม/คำอธิบายตัวชี้วัด", "โครงการ/กิจกรรม"),
          ..([#b.head.at(0) #b.measureIndicator], definition-cell(b.definition, b.steps), lines(b.projects)).map(c => table.cell(breakable: true, c)),
        )
      }
    }
  }
]

// ---------------------------------------------------------------- work plans (Gantt)
#let month-names = ("ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.")
#let gantt(w) = {
  set text(size: tiny)
  table(
    columns: (1fr, 2cm, 2.1cm) + range(12).map(_ => 0.95cm),
    align: (x, y) => if x == 0 { left + top } else { center + horizon },
    table.header(
      table.cell(rowspan: 3, fill: head-fill, align: center + horizon)[*ขั้นตอนการปฏิบัติงานตามโครงการ/กิจกรรม*],
      table.cell(rowspan: 3, fill: head-fill, align: center + horizon, text(size: 11pt)[*เนื้องานรายขั้นตอน (ร้อยละ)*]),
      table.cell(rowspan: 3, fill: head-fill, align: center + horizon, text(size: 11pt)[*#w.progressHeader*]),
      table.cell(colspan: 12, fill: head-fill)[*ระยะเวลาดำเนินการ*],
      ..data.gantt.map(g => table.cell(colspan: g.months, fill: head-fill)[*#g.label*]),
      ..month-names.map(m => table.cell(fill: head-fill, inset: (x: 1pt, y: 6pt), text(size: 11pt)[*#m*])),
    ),
    ..w.steps.map(s => (
      [#s.text #if s.details.len() > 0 { v(0.1em); set text(size: 11pt); lines(s.details) }],
      txt(s.weight),
      txt(s.cumulative),
      ..s.months.map(on => table.cell(inset: (x: 0pt, y: 4pt))[#if on { box(width: 100%, height: 0.7em, fill: bar-fill) }]),
    )).flatten(),
    table.cell(align: center)[*#w.totalLabel*], [*#w.totalWeight*], [*#w.totalCumulative*],
    ..range(12).map(_ => []),
  )
}

#page(flipped: true)[
  #section[ขั้นตอนการปฏิบัติงานของโครงการ/กิจกรรม]
  #for (i, w) in data.workPlans.enumerate() {
    if i > 0 { pagebreak() }
    block(below: 0.5em, text(size: 14pt)[*#w.indicatorLine*])
    block(below: 0.8em, text(size: 14pt)[*#w.title*])
    gantt(w)
    if w.note != none { block(above: 0.6em, text(size: small)[#w.note]) }
    for x in w.issues {
      block(above: 0.4em, text(size: small, fill: rgb("#8a4b00"))[ข้อสังเกตจากการตรวจสอบข้อมูล : #x])
    }
  }
]

#section[ข้อสังเกตจากการตรวจสอบข้อมูล]
#text(size: small)[ความไม่สอดคล้องที่มีอยู่ในต้นฉบับ คงไว้ตามต้นฉบับและแสดงไว้ให้เห็น ไม่ได้แก้ไขเอง]
#numbered-list(data.issues)
#if data.findings.len() > 0 {
  sub[ผลการตรวจสอบอื่น]
  numbered-list(data.findings)
}
`;
