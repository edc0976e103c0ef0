import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { STATUS_COLORS, type IndicatorStatus } from './plan-view';

/** An indicator's status as a coloured chip with its Thai (or English) words. */
export function StatusChip({
  status,
  size = 'md',
}: {
  status: IndicatorStatus;
  size?: 'sm' | 'md';
}) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLORS[status]}
      variant={status === 'no_result' ? 'outline' : 'light'}
      size={size}
      radius="sm"
      data-status={status}
      style={{ flexShrink: 0, textTransform: 'none' }}
    >
      {t(`plans:status.${status}`)}
    </Badge>
  );
}
