import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { BUDDHIST_ERA_OFFSET, fiscalMonthOf, fiscalYearOf } from '@pbis/core';
import type { MonthLock } from '@pbis/contract';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../app/errors';
import { useFormat } from '../../app/format';
import { ErrorAlert } from '../common/error-alert';
import { useNotice } from '../common/notice';
import { PageHeader } from '../common/page-header';
import {
  creatableYears,
  defaultNewYear,
  useCreateFiscalYear,
  useFiscalYears,
  usePeriodLocks,
  useSetLock,
} from './api';

type Pending = { month: number; locked: boolean } | null;

export function PeriodsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const years = useFiscalYears();
  const current = fiscalYearOf(new Date());
  const [picked, setPicked] = useState<number | null>(null);
  const list = (years.data?.items ?? []).map((y) => y.year).sort((a, b) => b - a);
  const year = picked ?? (list.includes(current) ? current : (list[0] ?? null));
  const info = years.data?.items.find((y) => y.year === year);
  const locks = usePeriodLocks(year);
  const setLock = useSetLock();
  const create = useCreateFiscalYear();
  const [newYear, setNewYear] = useState<number | null>(null);
  const [confirm, setConfirm] = useState<Pending>(null);
  const { notice, show, clear } = useNotice();
  const chosenNew = newYear ?? defaultNewYear(current, list);
  const createFieldError = fieldErrors(create.error, t).year;

  const onCreate = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    try {
      await create.mutateAsync(chosenNew);
      setPicked(chosenNew);
      setNewYear(null);
      show(t('periods:yearCreated', { year: chosenNew }));
    } catch {
      // create.error is shown under the field (fiscal_year_exists) or above
    }
  };

  const monthLabel = (m: MonthLock) => {
    if (!year) return m.abbrTh;
    const { year: ce } = fiscalMonthOf(year, m.month);
    return fmt.lang === 'en' ? `${m.abbrEn} ${ce}` : `${m.abbrTh} ${ce + BUDDHIST_ERA_OFFSET}`;
  };

  const apply = async (month: number, locked: boolean) => {
    if (!year) return;
    setConfirm(null);
    try {
      await setLock.mutateAsync({ fiscalYear: year, month, locked });
      const what =
        month === 0
          ? t('periods:wholeYear', { year })
          : t('periods:monthOf', { month: monthLabel(locks.data!.months[month - 1]!) });
      show(locked ? t('periods:lockedNotice', { what }) : t('periods:unlockedNotice', { what }));
    } catch {
      // setLock.error is shown
    }
  };

  const yearLocked = locks.data?.yearLocked ?? false;
  const yearOptions = creatableYears(current).map((y) => ({
    value: String(y),
    label: list.includes(y)
      ? t('periods:yearExistsOption', { year: y })
      : y === current
        ? t('periods:yearCurrentOption', { year: y })
        : String(y),
  }));

  return (
    <Stack gap="md">
      <PageHeader title={t('periods:title')} intro={t('periods:intro')} />
      {years.isError && <ErrorAlert error={years.error} onRetry={() => void years.refetch()} />}
      <Paper withBorder p="md">
        <Group align="flex-start" justify="space-between" wrap="wrap" gap="lg">
          <Stack gap={4}>
            <Select
              label={t('periods:fiscalYear')}
              data={list.map((y) => ({ value: String(y), label: String(y) }))}
              value={year ? String(year) : null}
              onChange={(v) => v && setPicked(Number(v))}
              allowDeselect={false}
              placeholder={t('periods:noYears')}
              w={200}
              data-testid="fiscal-year-select"
            />
            {info && (
              <Text c="dimmed" size="sm">
                {t('periods:range', { from: fmt.day(info.startDate), to: fmt.day(info.endDate) })}
              </Text>
            )}
          </Stack>
          <form onSubmit={(e) => void onCreate(e)} noValidate data-testid="create-fiscal-year">
            <Group align="flex-start" gap="xs">
              <Select
                label={t('periods:newYear')}
                description={t('periods:newYearHint', { year: current })}
                data={yearOptions}
                value={String(chosenNew)}
                onChange={(v) => {
                  if (v) setNewYear(Number(v));
                  create.reset();
                }}
                allowDeselect={false}
                error={createFieldError}
                w={240}
              />
              <Button type="submit" variant="light" loading={create.isPending} mt={48}>
                {t('periods:createYear')}
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
      {!createFieldError && <ErrorAlert error={create.error} />}
      <ErrorAlert error={setLock.error} />
      {locks.isError && <ErrorAlert error={locks.error} onRetry={() => void locks.refetch()} />}
      {year && locks.isPending && <Loader aria-label={t('common.loading')} />}
      {locks.data && (
        <>
          <Paper withBorder p="md" data-testid="year-lock">
            <Group justify="space-between" wrap="wrap">
              <Stack gap={2}>
                <Group gap="sm">
                  <Title order={3}>{t('periods:wholeYear', { year: locks.data.fiscalYear })}</Title>
                  <Badge color={yearLocked ? 'red' : 'teal'} variant="light">
                    {yearLocked ? t('periods:locked') : t('periods:open')}
                  </Badge>
                </Group>
                {locks.data.yearChangedBy && (
                  <Text size="sm" c="dimmed">
                    {t('periods:changedBy')} {locks.data.yearChangedBy} ·{' '}
                    {fmt.dateTime(locks.data.yearChangedAt)}
                  </Text>
                )}
              </Stack>
              <Button
                color={yearLocked ? 'teal' : 'red'}
                variant={yearLocked ? 'light' : 'filled'}
                onClick={() => setConfirm({ month: 0, locked: !yearLocked })}
                loading={setLock.isPending && setLock.variables.month === 0}
              >
                {yearLocked ? t('periods:unlockYear') : t('periods:lockYear')}
              </Button>
            </Group>
          </Paper>
          {yearLocked && (
            <Alert color="orange" variant="light" data-testid="year-locked-note">
              {t('periods:yearLockedNote', { year: locks.data.fiscalYear })}
            </Alert>
          )}
          <div className="table-wrap">
            <Table data-testid="month-locks">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('periods:month')}</Table.Th>
                  <Table.Th>{t('periods:state')}</Table.Th>
                  <Table.Th>{t('periods:changedBy')}</Table.Th>
                  <Table.Th>{t('periods:changedAt')}</Table.Th>
                  <Table.Th>{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {locks.data.months.map((m) => {
                  const label = monthLabel(m);
                  const action = m.locked
                    ? t('periods:unlockMonth', { month: label })
                    : t('periods:lockMonth', { month: label });
                  return (
                    <Table.Tr key={m.month}>
                      <Table.Td fw={600} style={{ whiteSpace: 'nowrap' }}>
                        {label}
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          color={m.locked ? 'red' : m.effectiveLocked ? 'orange' : 'teal'}
                          variant="light"
                        >
                          {m.locked
                            ? t('periods:locked')
                            : m.effectiveLocked
                              ? t('periods:lockedByYear')
                              : t('periods:open')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{m.changedBy ?? t('common.none')}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {m.changedAt ? fmt.dateTime(m.changedAt) : t('common.none')}
                      </Table.Td>
                      <Table.Td>
                        <Tooltip
                          label={t('periods:yearLockedTooltip')}
                          disabled={!yearLocked}
                          multiline
                          w={260}
                        >
                          <Button
                            size="xs"
                            variant="light"
                            color={m.locked ? 'teal' : 'red'}
                            data-disabled={yearLocked || undefined}
                            aria-disabled={yearLocked || undefined}
                            onClick={(e) => {
                              if (yearLocked) e.preventDefault();
                              else void apply(m.month, !m.locked);
                            }}
                            loading={setLock.isPending && setLock.variables.month === m.month}
                            aria-label={
                              yearLocked ? `${action} — ${t('periods:yearLockedTooltip')}` : action
                            }
                            style={{ whiteSpace: 'nowrap' }}
                          >
                            {m.locked ? t('periods:unlock') : t('periods:lock')}
                          </Button>
                        </Tooltip>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </div>
        </>
      )}
      {confirm && year && (
        <Modal
          opened
          onClose={() => setConfirm(null)}
          title={
            confirm.locked
              ? t('periods:confirmLockTitle', { year })
              : t('periods:confirmUnlockTitle', { year })
          }
        >
          <Stack>
            <Text>
              {confirm.locked
                ? t('periods:confirmLockBody', { year })
                : t('periods:confirmUnlockBody', { year })}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirm(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                color={confirm.locked ? 'red' : 'teal'}
                onClick={() => void apply(confirm.month, confirm.locked)}
                data-testid="confirm-year-lock"
              >
                {confirm.locked ? t('periods:lockYear') : t('periods:unlockYear')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}
