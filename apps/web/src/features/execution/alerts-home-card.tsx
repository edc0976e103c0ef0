import { Anchor, List, Loader, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ExecutionIcon } from '../../app/icons';
import { ErrorAlert } from '../common/error-alert';
import { HomeCardFrame } from '../common/home-card';
import { NextDeadline } from './alerts-table';
import { useAlerts } from './analysis-api';

const LIMIT = 5;

/** Home card (Budget Office, executives, analysts): the units flagged by the laggard rules, in scope. */
export default function AlertsHomeCard() {
  const { t } = useTranslation('execution');
  const alerts = useAlerts();
  const flagged = alerts.data?.findings.filter((x) => x.status === 'flagged') ?? [];
  const label = (id: string) => alerts.data?.rules.find((r) => r.id === id)?.label ?? id;
  return (
    <HomeCardFrame
      title={t('analysis.home.alertsTitle')}
      icon={ExecutionIcon}
      testId="home-laggard-alerts"
    >
      {alerts.isPending ? (
        <Loader size="sm" />
      ) : alerts.isError ? (
        <ErrorAlert error={alerts.error} />
      ) : (
        <Stack gap="xs">
          <Text fw={600}>
            {t('analysis.home.alertsCount', {
              count: alerts.data.flaggedUnits,
              year: alerts.data.fiscalYear,
            })}
          </Text>
          {flagged.length > 0 && (
            <List size="sm" spacing={4}>
              {flagged.slice(0, LIMIT).map((x) => (
                <List.Item key={`${x.unitId}-${x.ruleId}`}>
                  {`${x.unitName}: ${label(x.ruleId)} ${x.rate} %`}
                </List.Item>
              ))}
            </List>
          )}
          <NextDeadline alerts={alerts.data} />
          <Anchor component={Link} to="/execution" size="sm">
            {t('analysis.home.more')}
          </Anchor>
        </Stack>
      )}
    </HomeCardFrame>
  );
}
