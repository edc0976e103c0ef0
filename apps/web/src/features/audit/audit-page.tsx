import { Alert, Badge, Button, Group, Loader, Stack, Table, Tabs, Text } from '@mantine/core';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { useFormat } from '../../app/format';
import { ThaiText } from '../../app/thai-text';
import { ErrorAlert } from '../common/error-alert';
import { PageHeader } from '../common/page-header';
import { useAuditTrail, useVerifyAudit, type AuditFilters } from './api';
import { AuditDiff } from './audit-diff';
import { AuditFilterBar } from './audit-filters';
import { bangkokDateTime, subjectText } from './audit-text';
import { SignInFailures } from './sign-in-failures';
import './audit.css';
import { EmptyRow } from '../common/empty-row';

export function AuditPage() {
  const { t } = useTranslation();
  const me = useMe();
  const isAdmin = me.role === 'admin';
  const [tab, setTab] = useState<string | null>('changes');
  return (
    <Stack gap="md">
      <PageHeader title={t('audit:title')} intro={t('audit:intro')} />
      {isAdmin ? (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="changes">{t('audit:tabs.changes')}</Tabs.Tab>
            <Tabs.Tab value="sign-ins" data-testid="tab-sign-in-failures">
              {t('audit:tabs.signInFailures')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="changes">
            <AuditTrail />
          </Tabs.Panel>
          <Tabs.Panel value="sign-ins">
            <SignInFailures />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <AuditTrail />
      )}
    </Stack>
  );
}

function AuditTrail() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [filters, setFilters] = useState<AuditFilters>({});
  const trail = useAuditTrail(filters);
  const verify = useVerifyAudit();
  const [open, setOpen] = useState<Set<number>>(new Set());

  const items = useMemo(() => trail.data?.pages.flatMap((p) => p.items) ?? [], [trail.data]);
  const entities = trail.data?.pages[0]?.entities ?? [];
  // Everyone in the whole trail comes with each page (for the user filter).
  const trailUsers = trail.data?.pages[0]?.users;

  /** UUID → the name a person knows (the server names every id an entry holds). */
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const u of trailUsers ?? []) m.set(u.userId, u.username);
    for (const e of items) {
      if (e.userId && e.username) m.set(e.userId, e.username);
      for (const [id, name] of Object.entries(e.names)) m.set(id, name);
    }
    return m;
  }, [trailUsers, items]);

  const userOptions = useMemo(
    () =>
      (trailUsers ?? [])
        .map((u) => ({ value: u.userId, label: u.username }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [trailUsers],
  );

  const toggle = (seq: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });

  return (
    <Stack gap="md">
      <Group justify="flex-end">
        <Button variant="light" onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('audit:verify')}
        </Button>
      </Group>
      {verify.data && (
        <Alert
          color={verify.data.ok ? 'teal' : 'red'}
          variant="light"
          role="status"
          data-testid="audit-verify-result"
          title={
            verify.data.ok
              ? t('audit:verifyOk', { count: verify.data.checked })
              : t('audit:verifyBroken', { seq: verify.data.brokenSeq })
          }
        />
      )}
      <ErrorAlert error={verify.error} />
      <AuditFilterBar
        value={filters}
        onChange={setFilters}
        users={userOptions}
        entities={entities}
      />
      {trail.isError && <ErrorAlert error={trail.error} onRetry={() => void trail.refetch()} />}
      {trail.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : (
        <div className="table-wrap">
          <Table data-testid="audit-table" className="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit:columns.at')}</Table.Th>
                <Table.Th>{t('audit:columns.who')}</Table.Th>
                <Table.Th>{t('audit:columns.action')}</Table.Th>
                <Table.Th>{t('audit:columns.entity')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => {
                const expanded = open.has(e.seq);
                return (
                  <Fragment key={e.seq}>
                    <Table.Tr>
                      <Table.Td className="nowrap">
                        <Text size="sm">{bangkokDateTime(e.at, fmt.lang)}</Text>
                        <Text size="xs" c="dimmed">
                          {t('audit:seqN', { seq: e.seq })}
                        </Text>
                      </Table.Td>
                      <Table.Td data-testid={`audit-who-${e.seq}`}>
                        <span className="audit-actor username">
                          {e.actorUsername ?? e.username ?? t('audit:system')}
                        </span>
                        <span className="audit-arrow" aria-label={t('audit:changed')}>
                          {' → '}
                        </span>
                        <span className="audit-subject">
                          <ThaiText>{subjectText(e, { t, lang: fmt.lang, names })}</ThaiText>
                        </span>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light">
                          {t(`audit:actions.${e.action}`, { defaultValue: e.action })}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {t(`audit:entities.${e.entity}`, { defaultValue: e.entity })}
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="subtle"
                          onClick={() => toggle(e.seq)}
                          aria-expanded={expanded}
                          aria-controls={`audit-detail-${e.seq}`}
                          aria-label={
                            expanded
                              ? t('audit:hideDetails', { seq: e.seq })
                              : t('audit:showDetails', { seq: e.seq })
                          }
                          className="nowrap"
                        >
                          {t('audit:details')} {expanded ? '▴' : '▾'}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                    {expanded && (
                      <Table.Tr id={`audit-detail-${e.seq}`}>
                        <Table.Td colSpan={5} bg="gray.0">
                          <AuditDiff entry={e} names={names} lang={fmt.lang} />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
              {items.length === 0 && <EmptyRow columns={5}>{t('common.noData')}</EmptyRow>}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <Group justify="space-between">
        <Text size="sm" c="dimmed" role="status">
          {items.length > 0 &&
            (trail.hasNextPage
              ? t('audit:shown', { count: items.length })
              : `${t('audit:shown', { count: items.length })} · ${t('audit:end')}`)}
        </Text>
        {trail.hasNextPage && (
          <Button
            variant="light"
            onClick={() => void trail.fetchNextPage()}
            loading={trail.isFetchingNextPage}
          >
            {t('audit:loadMore')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
