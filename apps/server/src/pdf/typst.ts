import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { AppError } from '@pbis/core';

/*
 * Thai PDFs through Typst (ENGINEERING.md): Laksaman only, shipped in apps/server/assets/fonts
 * with its licence, because Sarabun and Noto Sans Thai double syllables in the text layer. A
 * document is a Typst source plus its data as JSON (`#let data = json(bytes(sys.inputs.data))`);
 * any warning — an unknown font family above all — is an error, never a silently wrong PDF.
 */

const FONT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/fonts');

let compiler: NodeCompiler | undefined;
function theCompiler(): NodeCompiler {
  compiler ??= NodeCompiler.create({
    fontArgs: [
      {
        fontBlobs: fs
          .readdirSync(FONT_DIR)
          .filter((f) => f.endsWith('.ttf'))
          .map((f) => fs.readFileSync(path.join(FONT_DIR, f))),
      },
    ],
  });
  return compiler;
}

/**
 * The preamble every PBIS document starts with: A4, Laksaman 15 pt, Thai language, Thai-digit page
 * numbers ("- ๓ -") at the top centre as Thai official documents have them, tables whose header
 * rows repeat on every page. `thai-digits(x)` and `baht(s)` are available to the document.
 */
export const TYPST_PREAMBLE = String.raw`
#let thai-digits(x) = {
  let s = str(x)
  for (a, t) in (("0","๐"),("1","๑"),("2","๒"),("3","๓"),("4","๔"),("5","๕"),("6","๖"),("7","๗"),("8","๘"),("9","๙")) { s = s.replace(a, t) }
  s
}
#set document(author: "PBIS")
#set text(font: "Laksaman", size: 15pt, lang: "th")
#set par(leading: 0.75em, justify: false)
#set page(paper: "a4", margin: (top: 2.2cm, bottom: 2cm, left: 2.5cm, right: 2cm),
  header: context { if counter(page).get().first() > 1 { align(center)[\- #thai-digits(counter(page).get().first()) -] } })
#set table(inset: (x: 5pt, y: 4pt), stroke: 0.5pt + luma(120))
#show table.cell.where(y: 0): set text(weight: "bold")
#show heading: set text(weight: "bold")
#show heading.where(level: 1): set text(size: 20pt)
#show heading.where(level: 2): set text(size: 17pt)
`;

export interface RenderedPdf {
  pdf: Buffer;
  pages: number;
}

/** Compiles `source` (the preamble is prepended) with `data` as `sys.inputs.data` (JSON). */
export function renderTypstPdf(source: string, data: unknown, title = 'PBIS'): RenderedPdf {
  const c = theCompiler();
  const args = {
    mainFileContent: `${TYPST_PREAMBLE}\n#set document(title: ${JSON.stringify(title)})\n${source}`,
    inputs: { data: JSON.stringify(data) },
  };
  const result = c.compile(args);
  const problems = result.takeDiagnostics() ?? result.takeWarnings();
  const doc = result.result;
  if (!doc || result.hasError() || problems) {
    const d = problems ? c.fetchDiagnostics(problems) : [];
    throw new AppError(
      'internal',
      `the PDF could not be made: ${JSON.stringify(d).slice(0, 500) || 'unknown error'}`,
    );
  }
  return { pdf: c.pdf(doc), pages: doc.numOfPages };
}
