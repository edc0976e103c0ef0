/** Thai digits ๐–๙ (U+0E50–U+0E59) ↔ Arabic digits 0–9. Other characters pass through unchanged. */

const THAI_ZERO = 0x0e50;
const THAI_DIGIT_PATTERN = /[\u0e50-\u0e59]/g;
const ARABIC_DIGIT_PATTERN = /[0-9]/g;

/** Replaces every Arabic digit with the Thai digit of the same value: "2565" → "๒๕๖๕". */
export function toThaiDigits(s: string | number | bigint): string {
  return String(s).replace(ARABIC_DIGIT_PATTERN, (d) =>
    String.fromCharCode(THAI_ZERO + d.charCodeAt(0) - 48),
  );
}

/** Replaces every Thai digit with the Arabic digit of the same value: "๒๕๖๕" → "2565". */
export function fromThaiDigits(s: string): string {
  return s.replace(THAI_DIGIT_PATTERN, (d) =>
    String.fromCharCode(48 + d.charCodeAt(0) - THAI_ZERO),
  );
}

/** True when the text contains at least one Thai digit. */
export function hasThaiDigits(s: string): boolean {
  return /[\u0e50-\u0e59]/.test(s);
}
