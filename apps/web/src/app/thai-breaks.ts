/*
 * Where a line may break inside Thai text. Thai is written without spaces between words; the
 * browser breaks it with a dictionary, and that dictionary cuts names and compounds it does not
 * know (มหาวิทยาลัยนวมิ|นทราธิราช, นักวิเคราะห์งบ|ประมาณ). Here a break is allowed only between
 * dictionary words that are long enough to stand alone: a short piece (under four letters, not
 * counting vowel and tone marks above and below) stays with the next piece, and a run of short
 * pieces (an unknown name cut into syllables) stays whole.
 */

const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter('th', { granularity: 'word' })
    : null;

const THAI = /^[\u0E00-\u0E7F]+$/;
/** Vowels and tone marks written above or below a consonant: they take no width of their own. */
const MARKS = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/g;
const MIN_LETTERS = 4;

const letters = (s: string): number => s.replace(MARKS, '').length;

/**
 * The text cut into pieces between which a line may break; joined, they give the text back.
 * Spaces are pieces of their own; anything that is not Thai stays with its neighbours.
 */
export function thaiWordBreaks(text: string): string[] {
  if (!segmenter || !/[\u0E00-\u0E7F]/.test(text)) return [text];
  const pieces: string[] = [];
  let glue = false; // the last piece must take the next one (it ends with a short Thai word, or is not Thai)
  for (const { segment } of segmenter.segment(text)) {
    if (/^\s+$/.test(segment)) {
      pieces.push(segment);
      glue = false;
      continue;
    }
    const thai = THAI.test(segment);
    const last = pieces.length - 1;
    const lastIsSpace = last < 0 || /^\s+$/.test(pieces[last]!);
    if (!lastIsSpace && (glue || !thai)) pieces[last] += segment;
    else pieces.push(segment);
    glue = !thai || letters(segment) < MIN_LETTERS;
  }
  return pieces;
}
