import { Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { ActivityList } from '@pbis/contract';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useFormat } from '../../app/format';
import { AuditIcon } from '../../app/icons';
import { ErrorAlert } from '../common/error-alert';
import { HomeCardFrame } from '../common/home-card';
import { ThaiText } from '../../app/thai-text';

type ActivityItem = ActivityList['items'][number];

/** Who or what an entry changed, as a person names it. */
function subjectLabel(t: TFunction, a: ActivityItem): string {
  const s = a.subject;
  if (!s) return '';
  if (s.nameTh) return s.code ? `${s.nameTh} (${s.code})` : s.nameTh;
  if (s.username) return s.username;
  if (s.fiscalYear)
    return s.month
      ? t('activity.yearMonth', { year: s.fiscalYear, month: s.month })
      : t('activity.year', { year: s.fiscalYear });
  return '';
}

const LIMIT = 8;

/** "What changed recently in my scope": who did what, when (Bangkok time, Buddhist era). */
export default function ActivityCard() {
  const { t } = useTranslation('home');
  const f = useFormat();
  const activity = useQuery({
    queryKey: ['activity', LIMIT],
    queryFn: ({ signal }) => api<ActivityList>('/activity', { signal, query: { limit: LIMIT } }),
  });
  return (
    <HomeCardFrame title={t('activity.title')} icon={AuditIcon} testId="home-activity">
      {activity.isPending ? (
        <Loader size="sm" aria-label={t('translation:common.loading')} />
      ) : activity.isError ? (
        <ErrorAlert error={activity.error} />
      ) : activity.data.items.length === 0 ? (
        <Text c="dimmed">{t('activity.none')}</Text>
      ) : (
        <Stack gap="xs" component="ol" className="activity-list">
          {activity.data.items.slice(0, LIMIT).map((a) => (
            <li key={a.seq}>
              <Text size="sm">
                <span className="username">
                  {a.actorUsername ?? a.username ?? t('activity.system')}
                </span>{' '}
                {t(`activity.actions.${a.action}`, { defaultValue: a.action })}{' '}
                {t(`activity.entities.${a.entity}`, { defaultValue: '' })}{' '}
                <ThaiText>{subjectLabel(t, a)}</ThaiText>
              </Text>
              <Text size="xs" c="dimmed">
                <time dateTime={a.at}>{f.dateTime(a.at)}</time>
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </HomeCardFrame>
  );
}
