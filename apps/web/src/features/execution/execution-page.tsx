import { Group, Loader, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { decimalToSatang, formatBaht } from '@pbis/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/error-alert';
import { EmptyRow } from '../common/empty-row';
import { PageHeader } from '../common/page-header';
import { useExecutionSummary, useMoneyIndicators } from './api';
import { SCurve } from './s-curve';
import { AnalysisSection } from './analysis-section';
import { MoneyBreakdownLink } from './money-breakdown';

const YEARS = ['2566', '2565', '2564', '2563'];
const baht = (v: string) => formatBaht(decimalToSatang(v));
const percent = (v: string | null) => (v === null ? '–' : `${v} %`);

/** Budget vs actual, the monthly S-curve and the two money indicators, for the units in scope. */
export function ExecutionPage() {
  const { t } = useTranslation();
  const [year, setYear] = useState('2565');
  const [unitId, setUnitId] = useState<string | null>(null);
  const fiscalYear = Number(year);
  const summary = useExecutionSummary(fiscalYear, unitId);
  const all = useExecutionSummary(fiscalYear, null);
  const money = useMoneyIndicators(fiscalYear);
  const units = all.data?.units ?? [];

  return (
    <Stack gap="md">
      <PageHeader
        title={t('execution:title')}
        intro={t('execution:intro')}
        actions={
          <Group>
            <Select
              label={t('execution:fiscalYear')}
              data={YEARS}
              value={year}
              onChange={(v) => v && setYear(v)}
              allowDeselect={false}
              w={140}
            />
            <Select
              label={t('execution:unit')}
              placeholder={t('execution:allUnits')}
              data={units.map((u) => ({ value: u.unitId, label: `${u.unitCode} ${u.unitName}` }))}
              value={unitId}
              onChange={setUnitId}
              clearable
              searchable
              w={320}
            />
          </Group>
        }
      />
      {summary.error && <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />}
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          {t('execution:curveTitle', { year })}
        </Title>
        {summary.data ? <SCurve months={summary.data.months} /> : <Loader />}
        {summary.data && (
          <Group gap="xl" mt="sm">
            <Figure label={t('execution:revised')} value={baht(summary.data.total.revisedBaht)} />
            <Figure
              label={t('execution:obligated')}
              value={baht(summary.data.total.obligatedBaht)}
            />
            <Figure
              label={t('execution:disbursed')}
              value={baht(summary.data.total.disbursedBaht)}
            />
            <Figure
              label={t('execution:available')}
              value={baht(summary.data.total.availableBaht)}
            />
            <Figure
              label={t('execution:rate')}
              value={percent(summary.data.total.disbursementRate)}
            />
          </Group>
        )}
      </Paper>
      <AnalysisSection fiscalYear={fiscalYear} unitId={unitId} />
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          {t('execution:moneyTitle')}
        </Title>
        {money.error && <ErrorAlert error={money.error} />}
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('execution:unit')}</Table.Th>
                <Table.Th ta="right">{t('execution:base51')}</Table.Th>
                <Table.Th ta="right">{t('execution:disbursed')}</Table.Th>
                <Table.Th ta="right">{t('execution:rate51')}</Table.Th>
                <Table.Th ta="right">{t('execution:base2')}</Table.Th>
                <Table.Th ta="right">{t('execution:carryOver')}</Table.Th>
                <Table.Th ta="right">{t('execution:rate2')}</Table.Th>
                <Table.Th>{t('execution:level2')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {money.data?.rows.length === 0 && (
                <EmptyRow columns={8}>{t('execution:noLines')}</EmptyRow>
              )}
              {money.data?.rows.map((r) => (
                <Table.Tr key={r.unit_code} fw={r.unit_code === 'ALL' ? 700 : undefined}>
                  <Table.Td>
                    {r.unit_code === 'ALL' ? (
                      t('execution:wholeBma')
                    ) : (
                      <MoneyBreakdownLink
                        fiscalYear={fiscalYear}
                        unitId={units.find((u) => u.unitCode === r.unit_code)?.unitId}
                        label={`${r.unit_code} ${r.unit_name}`}
                      />
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{baht(r.disbursement_base_baht)}</Table.Td>
                  <Table.Td ta="right">{baht(r.disbursed_baht)}</Table.Td>
                  <Table.Td ta="right">{percent(r.disbursement_rate)}</Table.Td>
                  <Table.Td ta="right">{baht(r.carry_over_base_baht)}</Table.Td>
                  <Table.Td ta="right">{baht(r.carry_over_without_obligation_baht)}</Table.Td>
                  <Table.Td ta="right">{percent(r.carry_over_without_obligation_rate)}</Table.Td>
                  <Table.Td>
                    {!r.included
                      ? t('execution:notIncluded')
                      : r.carry_over_level === null
                        ? r.carry_over_without_obligation_rate === null
                          ? '–'
                          : t('execution:inGap')
                        : t('execution:levelPoints', {
                            level: r.carry_over_level,
                            points: r.carry_over_points,
                          })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="sm" c="dimmed" mt="xs">
          {t('execution:rules')}
        </Text>
      </Paper>
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </Stack>
  );
}
