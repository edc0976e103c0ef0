import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { decimalToSatang, formatBaht } from '@pbis/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { useFormat } from '../../app/format';
import { ThaiText } from '../../app/thai-text';
import { ErrorAlert } from '../common/error-alert';
import { PageHeader } from '../common/page-header';
import { reportUrl, usePlanTree, usePlanUnits, usePublish, useUnitPlans } from './api';
import {
  allIds,
  idsToDepth,
  nestTree,
  type IndicatorStatus,
  type PlanSearch,
  type TreeItem,
} from './plan-view';
import { StatusChip } from './status-chip';
import './plans.css';

const baht = (v: string) => formatBaht(decimalToSatang(v));
const STATUSES: IndicatorStatus[] = ['on_track', 'at_risk', 'missed', 'no_result'];

/** A plan that does not exist, or that the user may not read: the same Thai page, no data. */
export function PlanNotFound() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xl" maw={620} mx="auto" mt="xl" role="alert" data-testid="not-found">
      <Stack align="center" gap="sm" ta="center">
        <Text c="dimmed" fw={600}>
          404
        </Text>
        <Title order={2}>{t('plans:notFound.title')}</Title>
        <Text>{t('plans:notFound.body')}</Text>
        <Button component={Link} to="/plans" variant="light">
          {t('plans:notFound.back')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** The cascade tree of a unit's plan for a year: the screen an analyst opens first. */
export function PlanTreePage() {
  const { t } = useTranslation();
  const me = useMe();
  const f = useFormat();
  const search = useSearch({ strict: false }) as PlanSearch;
  const navigate = useNavigate();
  const units = usePlanUnits();
  const unitId = search.unitId ?? me.unitId ?? units.data?.items[0]?.id;
  const plans = useUnitPlans(unitId);
  const years = useMemo(
    () => [...new Set((plans.data?.items ?? []).map((p) => p.fiscalYear))].sort((a, b) => b - a),
    [plans.data],
  );
  const year = search.year ?? years[0];
  const tree = usePlanTree(unitId, year, search.status);
  const go = (s: PlanSearch) =>
    void navigate({ to: '/plans', search: { unitId, year, status: search.status, ...s } });

  const forest = useMemo(() => (tree.data ? nestTree(tree.data) : []), [tree.data]);
  // What the user opened or closed, for this unit and year only (another plan opens afresh).
  const openKey = `${unitId}|${year}`;
  const [opened, setOpened] = useState<{ key: string; ids: Set<string> } | null>(null);
  const expanded =
    opened?.key === openKey
      ? opened.ids
      : new Set(search.status ? allIds(forest) : idsToDepth(forest, 3));
  const setOpen = (ids: Set<string>) => setOpened({ key: openKey, ids });
  const toggle = (id: string) => {
    const next = new Set(expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };

  const unitOptions = (units.data?.items ?? []).map((u) => ({
    value: u.id,
    label: `${u.code} ${f.lang === 'en' && u.nameEn ? u.nameEn : u.nameTh}`,
  }));
  const notFound =
    tree.error instanceof ApiError && (tree.error.status === 404 || tree.error.status === 403);
  const plan = tree.data?.plan;
  const canPublish = me.role === 'budget_office' || me.role === 'admin';

  return (
    <Stack gap="md">
      <PageHeader
        title={t('plans:title')}
        intro={t('plans:intro')}
        actions={
          <Group align="flex-end" wrap="wrap">
            <Select
              label={t('plans:unit')}
              data={unitOptions}
              value={unitId ?? null}
              onChange={(v) => v && go({ unitId: v, year: undefined })}
              searchable
              allowDeselect={false}
              w={{ base: '100%', sm: 340 }}
              nothingFoundMessage={t('plans:noUnits')}
            />
            <Select
              label={t('plans:fiscalYear')}
              data={(years.length ? years : year ? [year] : []).map(String)}
              value={year ? String(year) : null}
              onChange={(v) => v && go({ year: Number(v) })}
              allowDeselect={false}
              w={130}
            />
            <Select
              label={t('plans:filterStatus')}
              data={[
                { value: 'all', label: t('plans:allStatuses') },
                ...STATUSES.map((s) => ({ value: s, label: t(`plans:status.${s}`) })),
              ]}
              value={search.status ?? 'all'}
              onChange={(v) =>
                go({ status: v && v !== 'all' ? (v as IndicatorStatus) : undefined })
              }
              allowDeselect={false}
              w={170}
            />
          </Group>
        }
      />
      {units.error && <ErrorAlert error={units.error} />}
      {plans.data && years.length === 0 && !search.year && (
        <Alert color="gray" title={t('plans:noPlanTitle')}>
          {t('plans:noPlan')}
        </Alert>
      )}
      {notFound ? (
        <PlanNotFound />
      ) : tree.error ? (
        <ErrorAlert error={tree.error} onRetry={() => void tree.refetch()} />
      ) : !tree.data ? (
        unitId && (years.length > 0 || search.year) ? (
          <Loader aria-label={t('common.loading')} />
        ) : null
      ) : (
        <>
          <Paper withBorder p="md" data-testid="plan-header">
            <Stack gap="xs">
              <Group gap="xs" wrap="wrap">
                {plan!.publishedAt ? (
                  <Badge color="teal" variant="filled" data-testid="published-badge">
                    {t('plans:published', { date: f.day(plan!.publishedAt) })}
                  </Badge>
                ) : (
                  <Badge color="gray" variant="outline" data-testid="published-badge">
                    {t('plans:notPublished')}
                  </Badge>
                )}
                {plan!.synthetic && (
                  <Badge color="yellow" variant="light">
                    {t('plans:synthetic')}
                  </Badge>
                )}
                <Badge color="gray" variant="light">
                  {t('plans:revision', { n: plan!.revision })}
                </Badge>
              </Group>
              <Title order={3} size="h4">
                <ThaiText>{plan!.titleTh}</ThaiText>
              </Title>
              <Group gap="xl" wrap="wrap">
                <Figure
                  label={t('plans:totalBudget')}
                  value={`${baht(tree.data.totalBaht)} ${t('plans:baht')}`}
                />
                <Stack gap={4}>
                  <Text size="sm" c="dimmed">
                    {t('plans:statusCounts')}
                  </Text>
                  <Group gap={6} wrap="wrap" data-testid="status-counts">
                    {STATUSES.map((s) => (
                      <Anchor
                        key={s}
                        component="button"
                        type="button"
                        onClick={() => go({ status: search.status === s ? undefined : s })}
                        aria-pressed={search.status === s}
                        aria-label={`${t(`plans:status.${s}`)} ${tree.data.statusCounts[s]}`}
                      >
                        <Group gap={4} wrap="nowrap">
                          <StatusChip status={s} size="sm" />
                          <Text size="sm" fw={600}>
                            {tree.data.statusCounts[s]}
                          </Text>
                        </Group>
                      </Anchor>
                    ))}
                  </Group>
                </Stack>
              </Group>
              <Group gap="xs" wrap="wrap" mt="xs">
                <Button
                  component="a"
                  href={reportUrl(plan!.id, 'pdf')}
                  download
                  variant="light"
                  size="sm"
                  data-testid="download-pdf"
                >
                  {t('plans:downloadPdf')}
                </Button>
                <Button
                  component="a"
                  href={reportUrl(plan!.id, 'xlsx')}
                  download
                  variant="light"
                  size="sm"
                >
                  {t('plans:downloadXlsx')}
                </Button>
                {canPublish && <PublishButton plan={plan!} />}
              </Group>
            </Stack>
          </Paper>
          <Paper withBorder p={{ base: 'xs', sm: 'md' }}>
            <Group justify="space-between" mb="xs" wrap="wrap">
              <Title order={3} size="h4">
                {t('plans:cascade')}
              </Title>
              <Group gap="xs">
                <Button size="xs" variant="subtle" onClick={() => setOpen(new Set(allIds(forest)))}>
                  {t('plans:expandAll')}
                </Button>
                <Button size="xs" variant="subtle" onClick={() => setOpen(new Set())}>
                  {t('plans:collapseAll')}
                </Button>
              </Group>
            </Group>
            {forest.length === 0 ? (
              <Text c="dimmed">{t(search.status ? 'plans:noneOfStatus' : 'plans:emptyPlan')}</Text>
            ) : (
              <Box
                role="tree"
                aria-label={t('plans:cascade')}
                data-testid="plan-tree"
                className="plans-tree"
              >
                {forest.map((item) => (
                  <TreeRow
                    key={item.node.id}
                    item={item}
                    expanded={expanded}
                    toggle={toggle}
                    unitId={unitId!}
                    year={year!}
                  />
                ))}
              </Box>
            )}
          </Paper>
        </>
      )}
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

const KIND_COLORS: Record<string, string> = {
  dimension: 'indigo',
  sub_dimension: 'indigo',
  goal: 'blue',
  measure: 'cyan',
  mission_task: 'grape',
  project: 'teal',
  activity: 'lime',
};

function TreeRow({
  item,
  expanded,
  toggle,
  unitId,
  year,
}: {
  item: TreeItem;
  expanded: Set<string>;
  toggle: (id: string) => void;
  unitId: string;
  year: number;
}) {
  const { t, i18n } = useTranslation();
  const { node } = item;
  const hasChildren = item.children.length + item.indicators.length > 0 || item.workPlan !== null;
  const isOpen = expanded.has(node.id);
  const name = i18n.language === 'en' && node.nameEn ? node.nameEn : node.nameTh;
  const indent = Math.min(item.depth, 6);
  return (
    <Box
      role="treeitem"
      aria-expanded={hasChildren ? isOpen : undefined}
      aria-level={item.depth + 1}
    >
      <Group
        gap={6}
        wrap="nowrap"
        align="flex-start"
        py={6}
        pl={`calc(${indent} * var(--plans-indent))`}
        className="plans-tree-row"
        data-kind={node.kind}
      >
        <ActionIcon
          variant="subtle"
          size="sm"
          mt={2}
          onClick={() => toggle(node.id)}
          disabled={!hasChildren}
          aria-label={t(isOpen ? 'plans:collapse' : 'plans:expand')}
          style={{ visibility: hasChildren ? 'visible' : 'hidden' }}
        >
          <span aria-hidden="true">{isOpen ? '▾' : '▸'}</span>
        </ActionIcon>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Group gap={6} wrap="wrap" align="baseline">
            <Badge
              size="sm"
              variant="light"
              color={KIND_COLORS[node.kind]}
              radius="sm"
              style={{ textTransform: 'none', flexShrink: 0 }}
            >
              {t(`plans:kinds.${node.kind}`)} {node.code}
            </Badge>
            <Text size="sm" fw={item.depth < 3 ? 600 : 400} style={{ overflowWrap: 'anywhere' }}>
              <ThaiText>{name}</ThaiText>
            </Text>
          </Group>
          {node.responsibleDivision && (
            <Text size="xs" c="dimmed">
              {t('plans:responsible', { name: node.responsibleDivision })}
            </Text>
          )}
          {node.warnings.map((w, i) => (
            <Alert
              key={i}
              color="orange"
              variant="light"
              p={6}
              mt={4}
              data-testid="ceiling-warning"
            >
              <Text size="xs">
                {t('plans:overCeiling', {
                  ceiling: baht(w.ceilingBaht),
                  running: baht(w.runningBaht),
                  over: baht(w.overBaht),
                })}
              </Text>
            </Alert>
          ))}
        </Box>
        <Box ta="right" style={{ flexShrink: 0 }}>
          <Text
            size="sm"
            fw={600}
            style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
          >
            {baht(node.totalBaht)}
          </Text>
          {node.ceilingBaht && (
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {t('plans:ceiling', { amount: baht(node.ceilingBaht) })}
            </Text>
          )}
        </Box>
      </Group>
      {isOpen && (
        <>
          {item.indicators.map((ind) => (
            <Group
              key={ind.id}
              gap={6}
              wrap="nowrap"
              align="flex-start"
              py={4}
              pl={`calc(${indent + 1} * var(--plans-indent) + 28px)`}
              data-testid="indicator-row"
            >
              <StatusChip status={ind.status} size="sm" />
              <Box style={{ flex: 1, minWidth: 0 }}>
                <Anchor
                  component={Link}
                  to="/plans/indicators/$id"
                  params={{ id: ind.id } as never}
                  size="sm"
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {ind.code && `${t('plans:indicatorCode', { code: ind.code })} `}
                  <ThaiText>
                    {i18n.language === 'en' && ind.nameEn ? ind.nameEn : ind.nameTh}
                  </ThaiText>
                </Anchor>
                <Text size="xs" c="dimmed">
                  {[
                    ind.target &&
                      t(ind.target.kind === 'level' ? 'plans:targetLevel' : 'plans:targetValue', {
                        value: ind.target.value,
                        unit: ind.unitOfMeasure,
                      }),
                    ind.latest && t('plans:latest', { value: ind.latest.value }),
                    ind.score.level !== null &&
                      t('plans:levelPoints', { level: ind.score.level, points: ind.score.points }),
                    ind.source === 'computed' && t('plans:computedShort'),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </Box>
            </Group>
          ))}
          {item.workPlan && (
            <Group pl={`calc(${indent + 1} * var(--plans-indent) + 28px)`} py={4} gap="xs">
              <Button
                component={Link}
                to="/plans/work-plans/$id"
                params={{ id: node.id } as never}
                search={{ unitId, year } as never}
                size="compact-sm"
                variant="light"
                aria-label={t('plans:workPlanOf', { name: node.nameTh })}
              >
                {t('plans:workPlanLink', { n: item.workPlan.steps.length })}
              </Button>
              {item.workPlan.warnings.length > 0 && (
                <Badge color="orange" variant="light" style={{ textTransform: 'none' }}>
                  {t('plans:warningsCount', { n: item.workPlan.warnings.length })}
                </Badge>
              )}
            </Group>
          )}
          {item.children.map((c) => (
            <TreeRow
              key={c.node.id}
              item={c}
              expanded={expanded}
              toggle={toggle}
              unitId={unitId}
              year={year}
            />
          ))}
        </>
      )}
    </Box>
  );
}

function PublishButton({
  plan,
}: {
  plan: NonNullable<ReturnType<typeof usePlanTree>['data']>['plan'];
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const publish = usePublish();
  const publishing = !plan.publishedAt;
  return (
    <>
      <Button
        size="sm"
        color={publishing ? 'teal' : 'gray'}
        variant={publishing ? 'filled' : 'outline'}
        onClick={() => setConfirming(true)}
      >
        {t(publishing ? 'plans:publish' : 'plans:unpublish')}
      </Button>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t(publishing ? 'plans:publishTitle' : 'plans:unpublishTitle')}
      >
        <Stack>
          <Text>
            {t(publishing ? 'plans:publishBody' : 'plans:unpublishBody', { title: plan.titleTh })}
          </Text>
          {publish.error && <ErrorAlert error={publish.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('plans:cancel')}
            </Button>
            <Button
              color={publishing ? 'teal' : 'red'}
              loading={publish.isPending}
              onClick={() =>
                publish.mutate(
                  { id: plan.id, version: plan.version, published: publishing },
                  { onSuccess: () => setConfirming(false) },
                )
              }
            >
              {t(publishing ? 'plans:confirmPublish' : 'plans:confirmUnpublish')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
