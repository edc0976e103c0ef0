import { Fragment, useMemo } from 'react';
import { thaiWordBreaks } from './thai-breaks';

/**
 * Thai text that breaks between whole words only (see thai-breaks.ts): each piece is kept on one
 * line and a break is offered between pieces. Use it for names: units, divisions, roles.
 */
export function ThaiText({ children }: { children: string | null | undefined }) {
  const pieces = useMemo(() => thaiWordBreaks(children ?? ''), [children]);
  if (pieces.length <= 1) return <>{children}</>;
  return (
    <span className="thai-text">
      {pieces.map((p, i) =>
        /^\s+$/.test(p) ? (
          <Fragment key={i}>{p}</Fragment>
        ) : (
          <Fragment key={i}>
            {i > 0 && <wbr />}
            <span className="thai-piece">{p}</span>
          </Fragment>
        ),
      )}
    </span>
  );
}
