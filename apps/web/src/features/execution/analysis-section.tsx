import { Alert, Group, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FISCAL_MONTHS } from '@pbis/core';
import { useFormat } from '../../app/format';
import { ErrorAlert } from '../common/error-alert';
import { AlertsTable, NextDeadline } from './alerts-table';
import { fiscalMonthEndIso, useAlerts, useForecast, useRankings } from './analysis-api';
import { ForecastBand } from './forecast-band';
import { ForecastMisses } from './forecast-misses';
import { RankingsChart } from './rankings-chart';

/** The fiscal year (BE) of today in Bangkok. */
function currentFiscalYear(now = new Date()): number {
  const d = new Date(now.getTime() + 7 * 3_600_000);
  return d.getUTCFullYear() + 543 + (d.getUTCMonth() >= 9 ? 1 : 0);
}

/**
 * The forecast and follow-up of the execution page: a date (the end of a month), the 5.1 curve
 * with its forecast band for the unit chosen (or the whole BMA), the units forecast to miss, the
 * ranking by disbursement rate and the laggard alerts. For a past year it opens at the end of
 * May — "in May, which units will miss September" — for the current year at the latest figures.
 */
export function AnalysisSection({
  fiscalYear,
  unitId,
}: {
  fiscalYear: number;
  unitId: string | null;
}) {
  const { t } = useTranslation('execution');
  const f = useFormat();
  const past = fiscalYear < currentFiscalYear();
  const [month, setMonth] = useState<string | null>(past ? '8' : null);
  const [year, setYear] = useState(fiscalYear);
  if (year !== fiscalYear) {
    setYear(fiscalYear);
    setMonth(past ? '8' : null);
  }
  const asOf = month ? fiscalMonthEndIso(fiscalYear, Number(month)) : null;
  const forecast = useForecast(fiscalYear, asOf);
  const alerts = useAlerts(fiscalYear, asOf);
  const rankings = useRankings(fiscalYear, asOf);
  const row =
    forecast.data?.rows.find((r) => (unitId ? r.unitId === unitId : r.unitCode === 'ALL')) ?? null;
  const missing51 = useMemo(
    () =>
      new Set(
        (forecast.data?.misses ?? []).filter((m) => m.indicator === '5.1').map((m) => m.unitCode),
      ),
    [forecast.data],
  );
  const monthOptions = FISCAL_MONTHS.map((m) => ({
    value: String(m.index),
    label: t('analysis.monthEnd', {
      month: f.lang === 'th' ? m.name : m.englishName,
      year: fiscalYear - (m.index <= 3 ? 1 : 0) - (f.lang === 'th' ? 0 : 543),
    }),
  }));

  return (
    <Stack gap="md" data-testid="execution-analysis">
      <Paper withBorder p="md">
        <Group justify="space-between" align="flex-end" mb="sm">
          <Title order={3} size="h4">
            {t('analysis.sectionTitle')}
          </Title>
          <Select
            label={t('analysis.asOf')}
            placeholder={t('analysis.asOfToday')}
            data={monthOptions}
            value={month}
            onChange={setMonth}
            clearable
            w={260}
          />
        </Group>
        {forecast.error && <ErrorAlert error={forecast.error} />}
        {forecast.data && (
          <Text size="sm" c="dimmed" mb="xs">
            {forecast.data.figuresAsOf
              ? t('analysis.figuresAsOf', {
                  date: f.day(forecast.data.figuresAsOf),
                  months: forecast.data.monthsObserved,
                })
              : t('analysis.noFigures')}
          </Text>
        )}
        {!forecast.data ? (
          !forecast.error && <Loader />
        ) : row ? (
          <>
            <Title order={4} size="h5" mb="xs">
              {t('analysis.bandTitle', {
                unit: row.unitCode === 'ALL' ? t('analysis.wholeBma') : row.unitName,
              })}
            </Title>
            <ForecastBand row={row} targets={forecast.data.targets} />
          </>
        ) : (
          <Alert color="gray">{t('noLines')}</Alert>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          {t('analysis.missTitle')}
        </Title>
        {forecast.data ? <ForecastMisses forecast={forecast.data} /> : <Loader />}
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          {t('analysis.rankTitle', { date: rankings.data ? f.day(rankings.data.asOf) : '' })}
        </Title>
        {rankings.error && <ErrorAlert error={rankings.error} />}
        {rankings.data && forecast.data ? (
          <RankingsChart
            rankings={rankings.data}
            target={forecast.data.targets.disbursementRate}
            missing={missing51}
          />
        ) : (
          !rankings.error && <Loader />
        )}
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          {t('analysis.alertsTitle')}
        </Title>
        {alerts.error && <ErrorAlert error={alerts.error} />}
        {alerts.data ? (
          <Stack gap="xs">
            <NextDeadline alerts={alerts.data} />
            <AlertsTable alerts={alerts.data} />
          </Stack>
        ) : (
          !alerts.error && <Loader />
        )}
      </Paper>
    </Stack>
  );
}
