import { Alert, Badge, Button, Code, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { useFormat } from '../../app/format';
import { ErrorAlert } from '../common/error-alert';
import { PageHeader } from '../common/page-header';
import { useAuditTrail, useAuditUsers, useVerifyAudit, type AuditFilters } from './api';
import { AuditDiff } from './audit-diff';
import { AuditFilterBar } from './audit-filters';

export function AuditPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const [filters, setFilters] = useState<AuditFilters>({});
  const trail = useAuditTrail(filters);
  const verify = useVerifyAudit();
  const [open, setOpen] = useState<Set<number>>(new Set());

  const items = useMemo(() => trail.data?.pages.flatMap((p) => p.items) ?? [], [trail.data]);
  const entities = trail.data?.pages[0]?.entities ?? [];
  // Everyone in the whole trail comes with each page; an answer without it falls back below.
  const trailUsers = trail.data?.pages[0]?.users;
  const users = useAuditUsers(me.role === 'admin' && trail.isSuccess && !trailUsers);
  const userOptions = useMemo(() => {
    const m = new Map<string, string>();
    for (const u of trailUsers ?? []) m.set(u.userId, u.username);
    for (const u of users.data?.items ?? []) m.set(u.id, u.username);
    for (const e of items) if (e.userId && e.username) m.set(e.userId, e.username);
    return [...m]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [trailUsers, users.data, items]);

  const toggle = (seq: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });

  return (
    <Stack gap="md">
      <PageHeader
        title={t('audit.title')}
        intro={t('audit.intro')}
        actions={
          <Button variant="light" onClick={() => verify.mutate()} loading={verify.isPending}>
            {t('audit.verify')}
          </Button>
        }
      />
      {verify.data && (
        <Alert
          color={verify.data.ok ? 'teal' : 'red'}
          variant="light"
          role="status"
          data-testid="audit-verify-result"
          title={
            verify.data.ok
              ? t('audit.verifyOk', { count: verify.data.checked })
              : t('audit.verifyBroken', { seq: verify.data.brokenSeq })
          }
        >
          {!verify.data.ok && verify.data.reason}
        </Alert>
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
          <Table data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.columns.seq')}</Table.Th>
                <Table.Th>{t('audit.columns.at')}</Table.Th>
                <Table.Th>{t('audit.columns.user')}</Table.Th>
                <Table.Th>{t('audit.columns.action')}</Table.Th>
                <Table.Th>{t('audit.columns.entity')}</Table.Th>
                <Table.Th>{t('audit.columns.entityId')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => {
                const expanded = open.has(e.seq);
                return (
                  <Fragment key={e.seq}>
                    <Table.Tr>
                      <Table.Td>{e.seq}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(e.at)}</Table.Td>
                      <Table.Td>
                        {e.username ?? (
                          <Text c="dimmed" size="sm">
                            {t('audit.system')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light">
                          {t(`audit.actions.${e.action}`, { defaultValue: e.action })}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {t(`audit.entities.${e.entity}`, { defaultValue: e.entity })}
                      </Table.Td>
                      <Table.Td>
                        <Code fz="xs">
                          {e.entityId
                            ? e.entityId.length > 13
                              ? `${e.entityId.slice(0, 8)}…`
                              : e.entityId
                            : t('common.none')}
                        </Code>
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
                              ? t('audit.hideDetails', { seq: e.seq })
                              : t('audit.showDetails', { seq: e.seq })
                          }
                        >
                          {t('audit.details')} {expanded ? '▴' : '▾'}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                    {expanded && (
                      <Table.Tr id={`audit-detail-${e.seq}`}>
                        <Table.Td colSpan={7} bg="gray.0">
                          <AuditDiff entry={e} />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
              {items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={7}>
                    <Text c="dimmed" ta="center" py="md">
                      {t('common.noData')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <Group justify="space-between">
        <Text size="sm" c="dimmed" role="status">
          {items.length > 0 &&
            (trail.hasNextPage
              ? t('audit.shown', { count: items.length })
              : `${t('audit.shown', { count: items.length })} · ${t('audit.end')}`)}
        </Text>
        {trail.hasNextPage && (
          <Button
            variant="light"
            onClick={() => void trail.fetchNextPage()}
            loading={trail.isFetchingNextPage}
          >
            {t('audit.loadMore')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
