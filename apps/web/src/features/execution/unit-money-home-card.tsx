import { Group, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IndicatorForecast } from '@pbis/contract';
import { useFormat } from '../../app/format';
import { ExecutionIcon } from '../../app/icons';
import { ErrorAlert } from '../common/error-alert';
import { HomeCardFrame } from '../common/home-card';
import { NextDeadline } from './alerts-table';
import { useAlerts, useForecast } from './analysis-api';
import { scoreText, StatusBadge } from './forecast-words';

/** One indicator of the unit: now, the September forecast with its range and status, its level. */
function IndicatorLines({
  title,
  f,
  showCurrent,
}: {
  title: string;
  f: IndicatorForecast;
  showCurrent: boolean;
}) {
  const { t } = useTranslation('execution');
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Text fw={600}>{title}</Text>
        {f.status && <StatusBadge status={f.status} />}
      </Group>
      {showCurrent && (
        <Text size="sm">
          {f.current === null
            ? t('analysis.home.notYet')
            : t('analysis.home.now', { value: `${f.current} %` })}
        </Text>
      )}
      {f.point !== null && (
        <Text size="sm">
          {f.method === 'actual'
            ? t('analysis.home.actualLine', { point: f.point })
            : t('analysis.home.forecastLine', { point: f.point, low: f.low, high: f.high })}
        </Text>
      )}
      <Text size="sm" c="dimmed">
        {scoreText(t, f.score.point)}
      </Text>
    </Stack>
  );
}

/** Home card (unit officer): the unit's two money indicators, their forecast, its next deadline. */
export default function UnitMoneyHomeCard() {
  const { t } = useTranslation('execution');
  const fmt = useFormat();
  const forecast = useForecast();
  const alerts = useAlerts();
  const row = forecast.data?.rows.find((r) => r.unitId !== null);
  return (
    <HomeCardFrame
      title={t('analysis.home.unitTitle')}
      icon={ExecutionIcon}
      testId="home-unit-money"
    >
      {forecast.isPending ? (
        <Loader size="sm" />
      ) : forecast.isError ? (
        <ErrorAlert error={forecast.error} />
      ) : !row ? (
        <Text c="dimmed">{t('noLines')}</Text>
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {`${row.unitName} · ${t('analysis.home.asOf', {
              year: forecast.data.fiscalYear,
              date: fmt.day(forecast.data.figuresAsOf ?? forecast.data.asOf),
            })}`}
          </Text>
          <IndicatorLines title={t('analysis.home.rate51')} f={row.disbursement} showCurrent />
          {row.included && (
            <IndicatorLines title={t('analysis.home.rate2')} f={row.carryOver} showCurrent />
          )}
          {alerts.data && <NextDeadline alerts={alerts.data} />}
        </Stack>
      )}
    </HomeCardFrame>
  );
}
