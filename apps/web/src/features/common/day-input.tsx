import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** ISO day (YYYY-MM-DD, Common Era) → what the user reads: dd/mm/yyyy, in the Buddhist era when Thai. */
function toText(iso: string | undefined, buddhist: boolean): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${Number(y) + (buddhist ? 543 : 0)}`;
}

/** dd/mm/yyyy (BE when the year is ≥ 2400, else CE) → ISO day, or null when it is not a real date. */
export function parseDay(text: string): string | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!m) return null;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  let y = Number(m[3]);
  if (y >= 2400) y -= 543;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

interface Props {
  label: string;
  value: string | undefined;
  onChange: (iso: string | undefined) => void;
  w?: Record<string, string | number> | number;
}

/**
 * A day typed as dd/mm/yyyy — in Thai with the Buddhist-era year (25/11/2569), in English with the
 * Common-Era year. The browser's own date picker would show the Common Era in its own locale.
 */
export function DayInput({ label, value, onChange, w }: Props) {
  const { t, i18n } = useTranslation();
  const buddhist = i18n.resolvedLanguage !== 'en';
  const [text, setText] = useState(() => toText(value, buddhist));
  const [shown, setShown] = useState({ value, buddhist });
  if (shown.value !== value || shown.buddhist !== buddhist) {
    // the value or the language changed from outside: show it afresh
    setShown({ value, buddhist });
    if (parseDay(text) !== value || shown.buddhist !== buddhist) setText(toText(value, buddhist));
  }
  const invalid = text.trim() !== '' && parseDay(text) === null;
  return (
    <TextInput
      label={label}
      placeholder={t('common.dayPlaceholder')}
      description={buddhist ? t('common.dayHintBE') : undefined}
      inputMode="numeric"
      value={text}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setText(v);
        const iso = v.trim() === '' ? undefined : parseDay(v);
        if (iso !== null) onChange(iso);
      }}
      error={invalid ? t('common.dayInvalid') : undefined}
      w={w}
    />
  );
}
