import { Badge } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ForecastScore } from '@pbis/contract';

/** The level and points a forecast would score, or why it has none (a gap is said, never guessed). */
export const scoreText = (t: TFunction, s: ForecastScore): string =>
  t(`analysis.scores.${s.status}`, { ns: 'execution', level: s.level, points: s.points });

const COLOURS = {
  miss: 'red',
  likely_miss: 'orange',
  at_risk: 'yellow',
  on_track: 'teal',
} as const;

/** A forecast's status against its target, as a coloured badge. */
export function StatusBadge({ status }: { status: keyof typeof COLOURS }) {
  const { t } = useTranslation('execution');
  return (
    <Badge
      color={COLOURS[status]}
      variant="light"
      size="md"
      tt="none"
      data-status={status}
      styles={{
        root: { height: 'auto', paddingBlock: 2, flexShrink: 0 },
        label: { overflow: 'visible', lineHeight: 1.6 },
      }}
    >
      {t(`analysis.statuses.${status}`)}
    </Badge>
  );
}

/** "55.000 % (51.000–59.000)" */
export const rangeText = (point: string, low: string, high: string) =>
  `${point} % (${low}–${high})`;
