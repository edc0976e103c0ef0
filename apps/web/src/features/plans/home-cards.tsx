import { Anchor, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { PlanHome } from '@pbis/contract';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { ErrorAlert } from '../common/error-alert';
import { HomeCardFrame } from '../common/home-card';
import { ThaiText } from '../../app/thai-text';
import { lineIcon } from '../../app/icons';
import { fiscalMonthShort } from './plan-view';
import { StatusChip } from './status-chip';

const DueIcon = lineIcon('M5 5h14v15H5zM5 10h14M9 3v4M15 3v4M9 15l2 2 4-4');
const RiskIcon = lineIcon('M12 3l9 16H3zM12 10v4M12 17h.01');
const CountIcon = lineIcon('M4 20V10M10 20V4M16 20v-7M22 20H2');

function usePlanHome() {
  return useQuery({
    queryKey: ['plans', 'home'],
    queryFn: ({ signal }) => api<PlanHome>('/plans/home', { signal }),
  });
}

type Item = PlanHome['due'][number];

function Body({ children }: { children: (h: PlanHome) => React.ReactNode }) {
  const { t } = useTranslation();
  const home = usePlanHome();
  if (home.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (home.isError) return <ErrorAlert error={home.error} />;
  return <>{children(home.data)}</>;
}

function ItemList({ items, total, h }: { items: Item[]; total: number; h: PlanHome }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((i) => (
        <li key={i.indicatorId}>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <StatusChip status={i.status} size="sm" />
            <Anchor
              component={Link}
              to="/plans/indicators/$id"
              params={{ id: i.indicatorId } as never}
              size="sm"
            >
              {i.code && `${t('plans:indicatorCode', { code: i.code })} `}
              <ThaiText>{i.nameTh}</ThaiText>
            </Anchor>
          </Group>
          {h.scope !== 'unit' && (
            <Text size="xs" c="dimmed" pl={4}>
              {i.unitCode} {i.unitName}
            </Text>
          )}
        </li>
      ))}
      {total > items.length && (
        <Text size="sm" c="dimmed">
          {t('plans:home.more', { n: total - items.length })}
        </Text>
      )}
    </Stack>
  );
}

/** Results due this month (a past year: results never entered) in the user's scope. */
export function DueCard() {
  const { t, i18n } = useTranslation();
  return (
    <HomeCardFrame title={t('plans:home.dueTitle')} icon={DueIcon} testId="home-plans-due">
      <Body>
        {(h) => (
          <>
            <Text size="sm" c="dimmed">
              {h.currentYear
                ? t('plans:home.dueIntro', {
                    month: fiscalMonthShort(h.fiscalMonth, i18n.language === 'en' ? 'en' : 'th'),
                    year: h.fiscalYear,
                  })
                : t('plans:home.dueIntroPast', { year: h.fiscalYear })}
            </Text>
            {h.dueTotal === 0 ? (
              <Text>{t('plans:home.noneDue')}</Text>
            ) : (
              <ItemList items={h.due} total={h.dueTotal} h={h} />
            )}
          </>
        )}
      </Body>
    </HomeCardFrame>
  );
}

/** Indicators at risk or missed in the user's scope. */
export function AtRiskCard() {
  const { t } = useTranslation();
  return (
    <HomeCardFrame title={t('plans:home.riskTitle')} icon={RiskIcon} testId="home-plans-risk">
      <Body>
        {(h) => (
          <>
            <Text size="sm" c="dimmed">
              {t(`plans:home.scope.${h.scope}`, { year: h.fiscalYear })}
            </Text>
            {h.atRiskTotal === 0 ? (
              <Text>{t('plans:home.noneAtRisk')}</Text>
            ) : (
              <ItemList items={h.atRisk} total={h.atRiskTotal} h={h} />
            )}
          </>
        )}
      </Body>
    </HomeCardFrame>
  );
}

/** Indicator status counts across the plans in scope (the whole BMA for the Budget Office). */
export function StatusCountsCard() {
  const { t } = useTranslation();
  return (
    <HomeCardFrame title={t('plans:home.countsTitle')} icon={CountIcon} testId="home-plans-counts">
      <Body>
        {(h) => (
          <>
            <Text size="sm" c="dimmed">
              {t('plans:home.countsIntro', { year: h.fiscalYear, plans: h.plans, units: h.units })}
            </Text>
            <Stack gap={6}>
              {(['on_track', 'at_risk', 'missed', 'no_result'] as const).map((s) => (
                <Group key={s} justify="space-between" wrap="nowrap">
                  <StatusChip status={s} />
                  <Text fw={700}>{h.statusCounts[s].toLocaleString('th-TH')}</Text>
                </Group>
              ))}
            </Stack>
            <Anchor component={Link} to="/plans" size="sm">
              {t('plans:home.openPlans')}
            </Anchor>
          </>
        )}
      </Body>
    </HomeCardFrame>
  );
}
