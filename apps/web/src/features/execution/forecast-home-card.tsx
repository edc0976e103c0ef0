import { Anchor, Group, List, Loader, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { ExecutionIcon } from '../../app/icons';
import { ErrorAlert } from '../common/error-alert';
import { HomeCardFrame } from '../common/home-card';
import { useForecast } from './analysis-api';
import { StatusBadge } from './forecast-words';

const LIMIT = 5;

/** Home card (Budget Office, executives, analysts): the units forecast to miss a target, worst first. */
export default function ForecastHomeCard() {
  const { t } = useTranslation('execution');
  const f = useFormat();
  const forecast = useForecast();
  return (
    <HomeCardFrame
      title={t('analysis.home.forecastTitle')}
      icon={ExecutionIcon}
      testId="home-forecast-misses"
    >
      {forecast.isPending ? (
        <Loader size="sm" />
      ) : forecast.isError ? (
        <ErrorAlert error={forecast.error} />
      ) : (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('analysis.home.asOf', {
              year: forecast.data.fiscalYear,
              date: f.day(forecast.data.figuresAsOf ?? forecast.data.asOf),
            })}
          </Text>
          <Text fw={600}>
            {t('analysis.home.missCount', {
              count: new Set(forecast.data.misses.map((m) => m.unitCode)).size,
            })}
          </Text>
          <List size="sm" spacing={4}>
            {forecast.data.misses.slice(0, LIMIT).map((m) => (
              <List.Item key={`${m.unitCode}-${m.indicator}`}>
                <Group gap={6} wrap="nowrap">
                  <span>
                    {`${m.unitName} · ${m.indicator === '5.1' ? t('analysis.indicator51') : t('analysis.indicator2')} ${m.point} %`}
                  </span>
                  <StatusBadge status={m.status} />
                </Group>
              </List.Item>
            ))}
          </List>
          <Anchor component={Link} to="/execution" size="sm">
            {t('analysis.home.more')}
          </Anchor>
        </Stack>
      )}
    </HomeCardFrame>
  );
}
