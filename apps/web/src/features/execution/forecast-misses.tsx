import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Forecast } from '@pbis/contract';
import { EmptyRow } from '../common/empty-row';
import { rangeText, scoreText, StatusBadge } from './forecast-words';

/** The units forecast to miss a target, worst first: their forecast, target, status, level and points. */
export function ForecastMisses({ forecast, limit }: { forecast: Forecast; limit?: number }) {
  const { t } = useTranslation('execution');
  const rows = limit ? forecast.misses.slice(0, limit) : forecast.misses;
  return (
    <>
      <Table.ScrollContainer maxHeight={limit ? undefined : 560} minWidth={820}>
        <Table striped highlightOnHover data-testid="forecast-misses">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('unit')}</Table.Th>
              <Table.Th>{t('analysis.indicator')}</Table.Th>
              <Table.Th ta="right">{t('analysis.current')}</Table.Th>
              <Table.Th ta="right">{t('analysis.forecast')}</Table.Th>
              <Table.Th ta="right">{t('analysis.target')}</Table.Th>
              <Table.Th>{t('analysis.status')}</Table.Th>
              <Table.Th>{t('analysis.levelPoints')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 && <EmptyRow columns={7}>{t('analysis.missNone')}</EmptyRow>}
            {rows.map((m) => (
              <Table.Tr key={`${m.unitCode}-${m.indicator}`}>
                <Table.Td>{`${m.unitCode} ${m.unitName}`}</Table.Td>
                <Table.Td>
                  {m.indicator === '5.1' ? t('analysis.indicator51') : t('analysis.indicator2')}
                </Table.Td>
                <Table.Td ta="right">{m.current === null ? '–' : `${m.current} %`}</Table.Td>
                <Table.Td ta="right">{rangeText(m.point, m.low, m.high)}</Table.Td>
                <Table.Td ta="right">
                  {m.indicator === '5.1' ? '≥' : '≤'} {m.target} %
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={m.status} />
                </Table.Td>
                <Table.Td>{scoreText(t, m.score)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" mt="xs">
        {t('analysis.missRule')}
      </Text>
    </>
  );
}
