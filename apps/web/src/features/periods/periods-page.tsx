import {
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import type { MonthLock } from '../../app/types';
import { ErrorAlert } from '../common/error-alert';
import { useNotice } from '../common/notice';
import { PageHeader } from '../common/page-header';
import {
  currentFiscalYear,
  useFiscalYears,
  useOpenFiscalYear,
  usePeriodLocks,
  useSetLock,
} from './api';

export function PeriodsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const years = useFiscalYears();
  const [picked, setPicked] = useState<number | null>(null);
  const list = (years.data?.items ?? []).map((y) => y.year).sort((a, b) => b - a);
  const now = currentFiscalYear(new Date());
  const year = picked ?? (list.includes(now) ? now : (list[0] ?? null));
  const info = years.data?.items.find((y) => y.year === year);
  const locks = usePeriodLocks(year);
  const setLock = useSetLock();
  const open = useOpenFiscalYear();
  const [newYear, setNewYear] = useState('');
  const [newYearTouched, setNewYearTouched] = useState(false);
  const { notice, show } = useNotice();
  const newYearValid = /^25\d{2}$/.test(newYear.trim());

  const onOpen = async (e: FormEvent) => {
    e.preventDefault();
    setNewYearTouched(true);
    if (!newYearValid) return;
    try {
      const y = Number(newYear.trim());
      await open.mutateAsync(y);
      setPicked(y);
      setNewYear('');
      setNewYearTouched(false);
      show(t('periods.yearOpened', { year: y }));
    } catch {
      // open.error is shown
    }
  };

  const monthLabel = (m: MonthLock) => {
    if (!year) return m.abbrTh;
    const beYear = m.month <= 3 ? year - 1 : year;
    return fmt.lang === 'en' ? `${m.abbrEn} ${beYear - 543}` : `${m.abbrTh} ${beYear}`;
  };

  const toggle = (month: number, locked: boolean) =>
    year && setLock.mutate({ fiscalYear: year, month, locked });

  return (
    <Stack gap="md">
      <PageHeader title={t('periods.title')} intro={t('periods.intro')} />
      {years.isError && <ErrorAlert error={years.error} onRetry={() => void years.refetch()} />}
      <Paper withBorder p="md">
        <Group align="flex-end" justify="space-between" wrap="wrap">
          <Group align="flex-end">
            <Select
              label={t('periods.fiscalYear')}
              data={list.map((y) => ({ value: String(y), label: String(y) }))}
              value={year ? String(year) : null}
              onChange={(v) => v && setPicked(Number(v))}
              allowDeselect={false}
              placeholder={t('periods.noYears')}
              w={180}
            />
            {info && (
              <Text c="dimmed" mb={6}>
                {t('periods.range', { from: fmt.day(info.startDate), to: fmt.day(info.endDate) })}
              </Text>
            )}
          </Group>
          <form onSubmit={(e) => void onOpen(e)} noValidate>
            <Group align="flex-end" gap="xs">
              <TextInput
                label={t('periods.newYear')}
                inputMode="numeric"
                maxLength={4}
                value={newYear}
                onChange={(e) => setNewYear(e.currentTarget.value)}
                error={newYearTouched && !newYearValid ? t('periods.yearInvalid') : undefined}
                w={180}
              />
              <Button type="submit" variant="light" loading={open.isPending}>
                {t('periods.openYear')}
              </Button>
            </Group>
          </form>
        </Group>
      </Paper>
      {notice && (
        <Text c="teal" role="status">
          {notice}
        </Text>
      )}
      <ErrorAlert error={open.error ?? setLock.error} />
      {locks.isError && <ErrorAlert error={locks.error} onRetry={() => void locks.refetch()} />}
      {year && locks.isPending && <Loader aria-label={t('common.loading')} />}
      {locks.data && (
        <>
          <Paper withBorder p="md" data-testid="year-lock">
            <Group justify="space-between" wrap="wrap">
              <Stack gap={2}>
                <Group gap="sm">
                  <Title order={3}>{t('periods.wholeYear', { year: locks.data.fiscalYear })}</Title>
                  <Badge color={locks.data.yearLocked ? 'red' : 'teal'} variant="light">
                    {locks.data.yearLocked ? t('periods.locked') : t('periods.open')}
                  </Badge>
                </Group>
                {locks.data.yearChangedBy && (
                  <Text size="sm" c="dimmed">
                    {t('periods.changedBy')} {locks.data.yearChangedBy} ·{' '}
                    {fmt.dateTime(locks.data.yearChangedAt)}
                  </Text>
                )}
              </Stack>
              <Button
                color={locks.data.yearLocked ? 'teal' : 'red'}
                variant={locks.data.yearLocked ? 'light' : 'filled'}
                onClick={() => toggle(0, !locks.data.yearLocked)}
                loading={setLock.isPending && setLock.variables.month === 0}
              >
                {locks.data.yearLocked ? t('periods.unlockYear') : t('periods.lockYear')}
              </Button>
            </Group>
          </Paper>
          <div className="table-wrap">
            <Table data-testid="month-locks">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('periods.month')}</Table.Th>
                  <Table.Th>{t('periods.state')}</Table.Th>
                  <Table.Th>{t('periods.changedBy')}</Table.Th>
                  <Table.Th>{t('periods.changedAt')}</Table.Th>
                  <Table.Th>{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {locks.data.months.map((m) => (
                  <Table.Tr key={m.month}>
                    <Table.Td fw={600}>{monthLabel(m)}</Table.Td>
                    <Table.Td>
                      <Badge
                        color={m.locked ? 'red' : m.effectiveLocked ? 'orange' : 'teal'}
                        variant="light"
                      >
                        {m.locked
                          ? t('periods.locked')
                          : m.effectiveLocked
                            ? t('periods.lockedByYear')
                            : t('periods.open')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{m.changedBy ?? t('common.none')}</Table.Td>
                    <Table.Td>
                      {m.changedAt ? fmt.dateTime(m.changedAt) : t('common.none')}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        color={m.locked ? 'teal' : 'red'}
                        onClick={() => toggle(m.month, !m.locked)}
                        loading={setLock.isPending && setLock.variables.month === m.month}
                        aria-label={
                          m.locked
                            ? t('periods.unlockMonth', { month: monthLabel(m) })
                            : t('periods.lockMonth', { month: monthLabel(m) })
                        }
                      >
                        {m.locked ? t('periods.unlock') : t('periods.lock')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </>
      )}
    </Stack>
  );
}
