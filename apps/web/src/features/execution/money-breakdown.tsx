import { Alert, Anchor, Badge, Drawer, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type {
  BreakdownCarryOver,
  BreakdownLine,
  BreakdownReason,
  MoneyBreakdown,
} from '@pbis/contract';
import { decimalToSatang, formatBaht } from '@pbis/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useFormat } from '../../app/format';
import { ErrorAlert } from '../common/error-alert';
import { EmptyRow } from '../common/empty-row';
import { reasonKey } from './breakdown-i18n';

/*
 * Every figure opens its breakdown (issue 15): one unit's indicator 5.1 and indicator 2 line by
 * line — the lines counted and the lines left out with the reason in words, the carry-overs
 * counted or left out — with totals equal to the unit's row of the indicator table.
 */

const baht = (v: string) => formatBaht(decimalToSatang(v));
/** Decimal strings added exactly (satang), as baht. */
const sumOf = (xs: readonly string[]) =>
  formatBaht(xs.reduce((a, x) => a + decimalToSatang(x), 0n));
const k = (key: string) => `execution:breakdown.${key}`;

export function useMoneyBreakdown(fiscalYear: number, unitId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['money-breakdown', fiscalYear, unitId],
    enabled,
    queryFn: ({ signal }) =>
      api<MoneyBreakdown>('/execution/money-indicators/breakdown', {
        signal,
        query: { fiscalYear, unitId },
      }),
  });
}

/** The unit's name in the indicator table; a click opens the breakdown of its figures. */
export function MoneyBreakdownLink({
  fiscalYear,
  unitId,
  label,
}: {
  fiscalYear: number;
  unitId: string | undefined;
  label: string;
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  if (!unitId) return <>{label}</>;
  return (
    <>
      <Anchor
        component="button"
        type="button"
        onClick={() => setOpened(true)}
        aria-label={t(k('open'), { unit: label })}
        ta="left"
      >
        {label}
      </Anchor>
      <Drawer
        opened={opened}
        onClose={() => setOpened(false)}
        position="right"
        size="min(1100px, 100%)"
        title={<Title order={3}>{t(k('title'), { unit: label })}</Title>}
        closeButtonProps={{ 'aria-label': t(k('close')) }}
      >
        {opened && <BreakdownBody fiscalYear={fiscalYear} unitId={unitId} />}
      </Drawer>
    </>
  );
}

function BreakdownBody({ fiscalYear, unitId }: { fiscalYear: number; unitId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useMoneyBreakdown(fiscalYear, unitId, true);
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Loader aria-label={t(k('loading'))} />;
  const b = q.data;
  const in51 = b.lines.filter((l) => l.indicator51.counted);
  const out51 = b.lines.filter((l) => !l.indicator51.counted);
  const in2 = b.lines.filter((l) => l.indicator2Base.counted);
  const out2 = b.lines.filter((l) => !l.indicator2Base.counted);
  const rate = (r: string | null) => r ?? '–';
  return (
    <Stack gap="lg">
      <Text c="dimmed">{t(k('subtitle'), { year: b.fiscalYear, date: f.day(b.asOf) })}</Text>

      <Stack gap="xs" data-testid="breakdown-51">
        <Title order={4}>{t(k('ind51'))}</Title>
        <Text fw={600}>
          {t(k('formula51'), {
            disbursed: baht(b.totals.disbursedBaht),
            base: baht(b.totals.disbursementBaseBaht),
            rate: rate(b.totals.disbursementRate),
          })}
        </Text>
        <Title order={5}>{t(k('counted51'), { count: in51.length })}</Title>
        <LinesTable
          lines={in51}
          withDisbursed
          totals={{ revised: b.totals.disbursementBaseBaht, disbursed: b.totals.disbursedBaht }}
        />
        <Title order={5}>{t(k('leftOut51'), { count: out51.length })}</Title>
        <LinesTable lines={out51} withDisbursed reasonOf={(l) => l.indicator51.reason} />
      </Stack>

      <Stack gap="xs" data-testid="breakdown-2">
        <Title order={4}>{t(k('ind2'))}</Title>
        {b.unitReason && (
          <Alert color="yellow">
            {t(k('unitLeftOut'), { reason: t(reasonKey(b.unitReason)) })}
          </Alert>
        )}
        <Text fw={600}>
          {t(k('formula2'), {
            carry: baht(b.totals.carryOverWithoutObligationBaht),
            base: baht(b.totals.carryOverBaseBaht),
            rate: rate(b.totals.carryOverWithoutObligationRate),
          })}
        </Text>
        <Title order={5}>{t(k('countedBase2'), { count: in2.length })}</Title>
        <LinesTable lines={in2} totals={{ revised: b.totals.carryOverBaseBaht }} />
        <Title order={5}>{t(k('leftOutBase2'), { count: out2.length })}</Title>
        <LinesTable lines={out2} reasonOf={(l) => l.indicator2Base.reason} />
        <Title order={5}>{t(k('carryOvers'), { count: b.carryOvers.length })}</Title>
        <CarryOversTable items={b.carryOvers} total={b.totals.carryOverWithoutObligationBaht} />
      </Stack>
    </Stack>
  );
}

function LineCell({ l }: { l: Pick<BreakdownLine, 'lineCode' | 'project' | 'expenseItem'> }) {
  return (
    <Table.Td>
      <Text size="sm">
        {l.lineCode ? `${l.lineCode} ` : ''}
        {l.project}
      </Text>
      {l.expenseItem && (
        <Text size="xs" c="dimmed">
          {l.expenseItem}
        </Text>
      )}
    </Table.Td>
  );
}

/** Lines counted (with their total, equal to the row's) or left out (with the reason). */
function LinesTable({
  lines,
  withDisbursed = false,
  totals,
  reasonOf,
}: {
  lines: BreakdownLine[];
  withDisbursed?: boolean;
  totals?: { revised: string; disbursed?: string };
  reasonOf?: (l: BreakdownLine) => BreakdownReason | null;
}) {
  const { t } = useTranslation();
  const columns = 4 + (withDisbursed ? 1 : 0) + (reasonOf ? 1 : 0);
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t(k('line'))}</Table.Th>
            <Table.Th>{t(k('category'))}</Table.Th>
            <Table.Th>{t(k('fundSource'))}</Table.Th>
            <Table.Th ta="right">{t(k('revised'))}</Table.Th>
            {withDisbursed && <Table.Th ta="right">{t(k('disbursed'))}</Table.Th>}
            {reasonOf && <Table.Th>{t(k('reason'))}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.length === 0 && <EmptyRow columns={columns}>{t(k('none'))}</EmptyRow>}
          {lines.map((l) => {
            const reason = reasonOf?.(l);
            return (
              <Table.Tr key={l.lineId}>
                <LineCell l={l} />
                <Table.Td>{t(k(`categories.${l.expenseCategory}`))}</Table.Td>
                <Table.Td>{t(k(`funds.${l.fundSource}`))}</Table.Td>
                <Table.Td ta="right">{baht(l.revisedBaht)}</Table.Td>
                {withDisbursed && <Table.Td ta="right">{baht(l.disbursedBaht)}</Table.Td>}
                {reasonOf && <Table.Td>{reason ? t(reasonKey(reason)) : ''}</Table.Td>}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        {lines.length > 0 && (
          <Table.Tfoot>
            <Table.Tr fw={700}>
              <Table.Td colSpan={3}>{t(k(totals ? 'total' : 'sumLeftOut'))}</Table.Td>
              <Table.Td ta="right">
                {totals ? baht(totals.revised) : sumOf(lines.map((l) => l.revisedBaht))}
              </Table.Td>
              {withDisbursed && (
                <Table.Td ta="right">
                  {totals?.disbursed !== undefined
                    ? baht(totals.disbursed)
                    : sumOf(lines.map((l) => l.disbursedBaht))}
                </Table.Td>
              )}
              {reasonOf && <Table.Td />}
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}

/** The year's carry-overs, counted in indicator 2 or left out and why; the counted total. */
function CarryOversTable({ items, total }: { items: BreakdownCarryOver[]; total: string }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t(k('line'))}</Table.Th>
            <Table.Th>{t(k('kind'))}</Table.Th>
            <Table.Th>{t(k('status'))}</Table.Th>
            <Table.Th ta="right">{t(k('amount'))}</Table.Th>
            <Table.Th>{t(k('counted'))}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.length === 0 && <EmptyRow columns={5}>{t(k('none'))}</EmptyRow>}
          {items.map((c) => (
            <Table.Tr key={c.id}>
              <LineCell l={c} />
              <Table.Td>{t(k(`kinds.${c.kind}`))}</Table.Td>
              <Table.Td>{t(k(`statuses.${c.status}`))}</Table.Td>
              <Table.Td ta="right">{baht(c.amountBaht)}</Table.Td>
              <Table.Td>
                {c.indicator2.counted ? (
                  <Badge color="green" variant="light">
                    {t(k('countedYes'))}
                  </Badge>
                ) : (
                  c.indicator2.reason && t(reasonKey(c.indicator2.reason))
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        {items.length > 0 && (
          <Table.Tfoot>
            <Table.Tr fw={700}>
              <Table.Td colSpan={3}>{t(k('total'))}</Table.Td>
              <Table.Td ta="right">{baht(total)}</Table.Td>
              <Table.Td />
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}
