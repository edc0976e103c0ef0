import { useCallback, useState } from 'react';

/** A short-lived success message for a page (shown in a polite live region). */
export function useNotice(ms = 4000) {
  const [notice, setNotice] = useState<string | null>(null);
  const show = useCallback(
    (text: string) => {
      setNotice(text);
      window.setTimeout(() => setNotice((cur) => (cur === text ? null : cur)), ms);
    },
    [ms],
  );
  return { notice, show, clear: () => setNotice(null) };
}
