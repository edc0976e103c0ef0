import {
  Alert,
  Anchor,
  Box,
  Button,
  Group,
  Loader,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link, useParams, useSearch } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { useFormat } from '../../app/format';
import { ThaiText } from '../../app/thai-text';
import { ErrorAlert } from '../common/error-alert';
import { PageHeader } from '../common/page-header';
import { usePlanTree, useSaveProgress } from './api';
import {
  actualByMonth,
  fiscalMonthShort,
  fiscalMonthShorts,
  ganttCells,
  type PlanSearch,
  type WorkPlan,
} from './plan-view';
import { EngineDetail } from './engine-detail';
import { LineChartBox } from './results-chart';
import { PlanNotFound } from './tree-page';
import './plans.css';

const EDITORS = ['admin', 'budget_office', 'unit_officer'];

/** An activity's work plan: the Gantt of its steps (Oct–Sep), progress entry, plan vs actual. */
export function WorkPlanPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const search = useSearch({ strict: false }) as PlanSearch;
  const tree = usePlanTree(search.unitId, search.year);
  const node = tree.data?.nodes.find((n) => n.id === id);
  const wp = tree.data?.workPlans.find((w) => w.projectId === id);
  if (!search.unitId || !search.year) return <PlanNotFound />;
  if (tree.error instanceof ApiError && tree.error.status < 500) return <PlanNotFound />;
  if (tree.error) return <ErrorAlert error={tree.error} onRetry={() => void tree.refetch()} />;
  if (!tree.data) return <Loader aria-label={t('common.loading')} />;
  if (!node || !wp) return <PlanNotFound />;
  return (
    <Stack gap="md">
      <Anchor
        component={Link}
        to="/plans"
        search={{ unitId: search.unitId, year: search.year } as never}
        size="sm"
      >
        ← {t('plans:backToTree')}
      </Anchor>
      <PageHeader
        title={t('plans:workPlanTitleNoCode')}
        intro={`${t(`plans:kinds.${node.kind}`)} ${node.code ? `${node.code} ` : ''}${node.nameTh}`}
      />
      {wp.warnings.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          title={t('plans:workPlanWarnings')}
          data-testid="work-plan-warnings"
        >
          <Stack gap={2}>
            {wp.warnings.map((w, i) => (
              <Text size="sm" key={i}>
                {t(`plans:workPlanWarning.${w.code}`, {
                  defaultValue: t('plans:workPlanWarning.other'),
                })}
                <EngineDetail message={w.message} />
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <Gantt wp={wp} />
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          {t('plans:planVsActual')}
        </Title>
        <ProgressChart wp={wp} />
      </Paper>
      <ProgressEntry wp={wp} />
    </Stack>
  );
}

function Gantt({ wp }: { wp: WorkPlan }) {
  const { t } = useTranslation();
  const f = useFormat();
  const months = fiscalMonthShorts(f.lang);
  const total = wp.steps.reduce((s, x) => s + (x.weight === null ? 0 : Number(x.weight)), 0);
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t('plans:ganttTitle')}
      </Title>
      <Table.ScrollContainer minWidth={900}>
        <Table withTableBorder withColumnBorders className="plans-gantt" data-testid="gantt">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>{t('plans:stepNo')}</Table.Th>
              <Table.Th>{t('plans:step')}</Table.Th>
              <Table.Th ta="right" w={70}>
                {t('plans:weight')}
              </Table.Th>
              <Table.Th ta="right" w={80}>
                {t('plans:cumulative')}
              </Table.Th>
              {months.map((m) => (
                <Table.Th key={m} ta="center" w={44} px={2} style={{ whiteSpace: 'nowrap' }}>
                  {m}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {wp.steps.map((s) => (
              <Table.Tr key={s.stepNo}>
                <Table.Td>{s.stepNo}</Table.Td>
                <Table.Td>
                  <Text size="sm">
                    <ThaiText>{s.nameTh}</ThaiText>
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{s.weight ?? '–'}</Table.Td>
                <Table.Td ta="right">{s.plannedCumulative ?? '–'}</Table.Td>
                {ganttCells(s.plannedMonths).map((on, i) => (
                  <Table.Td key={i} p={0} aria-label={on ? `${months[i]} ✓` : undefined}>
                    {on && <Box className="plans-gantt-bar" />}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            <Table.Tr fw={700}>
              <Table.Td />
              <Table.Td>{t('plans:total')}</Table.Td>
              <Table.Td ta="right" c={total === 100 ? undefined : 'orange'}>
                {total}
              </Table.Td>
              <Table.Td />
              {wp.plannedByMonth.map((v, i) => (
                <Table.Td key={i} ta="center" px={2} fz="xs" c="dimmed">
                  {v}
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" mt="xs">
        {t('plans:ganttNote')}
      </Text>
    </Paper>
  );
}

function ProgressChart({ wp }: { wp: WorkPlan }) {
  const { t } = useTranslation();
  const f = useFormat();
  const labels = useMemo(() => fiscalMonthShorts(f.lang), [f.lang]);
  const series = useMemo(
    () => [
      { name: t('plans:planned'), values: wp.plannedByMonth.map(Number), dashed: true },
      { name: t('plans:actual'), values: actualByMonth(wp.progress) },
    ],
    [wp, t],
  );
  return (
    <LineChartBox
      labels={labels}
      series={series}
      label={t('plans:planVsActual')}
      yMax={Math.max(
        100,
        ...wp.plannedByMonth.map(Number),
        ...wp.progress.map((p) => Number(p.actualCumulative)),
      )}
      unit="%"
      testId="progress-chart"
    />
  );
}

function ProgressEntry({ wp }: { wp: WorkPlan }) {
  const { t } = useTranslation();
  const me = useMe();
  const f = useFormat();
  const [month, setMonth] = useState(1);
  const [value, setValue] = useState<string | number>('');
  const [comment, setComment] = useState('');
  const save = useSaveProgress(wp.projectId);
  const existing = wp.progress.find((p) => p.fiscalMonth === month);
  const canEdit = EDITORS.includes(me.role);
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t('plans:progressTitle')}
      </Title>
      <Table.ScrollContainer minWidth={300}>
        <Table striped mb="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plans:month')}</Table.Th>
              <Table.Th ta="right">{t('plans:planned')}</Table.Th>
              <Table.Th ta="right">{t('plans:actual')}</Table.Th>
              <Table.Th>{t('plans:comment')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {wp.plannedByMonth.map((p, i) => {
              const a = wp.progress.find((x) => x.fiscalMonth === i + 1);
              return (
                <Table.Tr key={i}>
                  <Table.Td>{fiscalMonthShort(i + 1, f.lang)}</Table.Td>
                  <Table.Td ta="right">{p} %</Table.Td>
                  <Table.Td ta="right">{a ? `${a.actualCumulative} %` : '–'}</Table.Td>
                  <Table.Td>{a?.comment}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {canEdit && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(
              { month, actualCumulative: String(value), comment, version: existing?.version },
              { onSuccess: () => (setValue(''), setComment('')) },
            );
          }}
        >
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('plans:month')}
              data={fiscalMonthShorts(f.lang).map((m, i) => ({ value: String(i + 1), label: m }))}
              value={String(month)}
              onChange={(v) => v && setMonth(Number(v))}
              allowDeselect={false}
            />
            <NumberInput
              label={t('plans:actualCumulative')}
              value={value}
              onChange={setValue}
              min={0}
              max={100}
              decimalScale={2}
              suffix=" %"
              required
              description={
                existing
                  ? t('plans:replacesValue', { value: `${existing.actualCumulative} %` })
                  : undefined
              }
            />
            <TextInput
              label={t('plans:comment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
          </SimpleGrid>
          {save.error && (
            <Box mt="sm">
              <ErrorAlert error={save.error} />
            </Box>
          )}
          <Group justify="flex-end" mt="sm">
            <Button type="submit" loading={save.isPending} disabled={value === ''}>
              {t('plans:saveProgress')}
            </Button>
          </Group>
        </form>
      )}
    </Paper>
  );
}
