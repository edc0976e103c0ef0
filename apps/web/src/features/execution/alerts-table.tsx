import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Alerts } from '@pbis/contract';
import { useFormat } from '../../app/format';
import { EmptyRow } from '../common/empty-row';

/** The next rule deadline in words: its date and the rules due then, or the year's end. */
export function NextDeadline({ alerts }: { alerts: Alerts }) {
  const { t } = useTranslation('execution');
  const f = useFormat();
  const next = alerts.nextDeadline;
  if (!next) return <Text size="sm">{t('analysis.yearOver')}</Text>;
  const labels = next.ruleIds.map((id) => alerts.rules.find((r) => r.id === id)?.label ?? id);
  return (
    <Text size="sm" data-testid="next-deadline">
      {t('analysis.nextDeadlineRules', {
        date: f.day(next.date),
        rules: labels.length > 0 ? labels.join(', ') : t('analysis.yearEnd'),
      })}
    </Text>
  );
}

/** The flagged findings of the laggard rules: unit, rule, due date, the rates at it and now. */
export function AlertsTable({ alerts, limit }: { alerts: Alerts; limit?: number }) {
  const { t } = useTranslation('execution');
  const f = useFormat();
  const flagged = alerts.findings.filter((x) => x.status === 'flagged');
  const rows = limit ? flagged.slice(0, limit) : flagged;
  const label = (id: string) => alerts.rules.find((r) => r.id === id)?.label ?? id;
  return (
    <Table.ScrollContainer maxHeight={limit ? undefined : 560} minWidth={760}>
      <Table striped highlightOnHover data-testid="laggard-alerts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('unit')}</Table.Th>
            <Table.Th>{t('analysis.rule')}</Table.Th>
            <Table.Th>{t('analysis.dueDate')}</Table.Th>
            <Table.Th ta="right">{t('analysis.rateAtDue')}</Table.Th>
            <Table.Th ta="right">{t('analysis.rateNow')}</Table.Th>
            <Table.Th ta="right">{t('analysis.threshold')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && <EmptyRow columns={6}>{t('analysis.alertsNone')}</EmptyRow>}
          {rows.map((x) => (
            <Table.Tr key={`${x.unitId}-${x.ruleId}`}>
              <Table.Td>{`${x.unitCode} ${x.unitName}`}</Table.Td>
              <Table.Td>{label(x.ruleId)}</Table.Td>
              <Table.Td>{f.day(x.dueDate)}</Table.Td>
              <Table.Td ta="right">{x.rateAtDue === null ? '–' : `${x.rateAtDue} %`}</Table.Td>
              <Table.Td ta="right">{`${x.rate} %`}</Table.Td>
              <Table.Td ta="right">{`${x.thresholdPercent} %`}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
