import {
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Pagination,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { forgivingSearcher } from '@pbis/core';
import { ROLES, USER_STATUSES, type Role, type User, type UserStatus } from '@pbis/contract';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { ErrorAlert } from '../common/error-alert';
import { useNotice } from '../common/notice';
import { PageHeader } from '../common/page-header';
import { ThaiText } from '../../app/thai-text';
import { useAllUsers, useUserMutations, useUsersPage } from './api';
import { TempPasswordModal } from './temp-password-modal';
import { UserFormModal } from './user-form-modal';
import { UserRowActions } from './user-row-actions';
import { UserScopeText } from './user-scope';
import { EmptyRow } from '../common/empty-row';

const PAGE_SIZE = 25;

/** The texts a user is found by. */
const userTexts = (u: User) => [u.username, u.displayName, u.unitNameTh, u.unitCode];

export function UsersPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 200);
  const [role, setRole] = useState<Role | null>(null);
  const [status, setStatus] = useState<UserStatus | null>(null);
  const [page, setPage] = useState(1);
  const filters = { role: role ?? undefined, status: status ?? undefined };
  const offset = (page - 1) * PAGE_SIZE;
  // Without search text the server pages; with it, every user with the filters is searched here.
  const paged = useUsersPage(filters, { limit: PAGE_SIZE, offset });
  const all = useAllUsers(filters, q !== '');
  const searcher = useMemo(() => forgivingSearcher(all.data ?? [], userTexts), [all.data]);
  const found = useMemo(() => (q ? searcher(q).map((h) => h.item) : null), [searcher, q]);
  const users = found ? all : paged;
  const total = found ? found.length : (paged.data?.total ?? 0);
  const rows = found ? found.slice(offset, offset + PAGE_SIZE) : (paged.data?.items ?? []);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const { update, resetPassword, unlock } = useUserMutations();
  const { notice, show } = useNotice();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [confirmReset, setConfirmReset] = useState<User | null>(null);
  const [temp, setTemp] = useState<{ username: string; password: string } | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const run = async (fn: () => Promise<unknown>, ok?: string) => {
    setActionError(null);
    try {
      await fn();
      if (ok) show(ok);
    } catch (e) {
      setActionError(e);
    }
  };

  const doReset = async (u: User) => {
    setConfirmReset(null);
    await run(async () => {
      const res = await resetPassword.mutateAsync(u);
      if (res.temporaryPassword) setTemp({ username: u.username, password: res.temporaryPassword });
    });
  };

  return (
    <Stack gap="md">
      <PageHeader
        title={t('users:title')}
        actions={<Button onClick={() => setEditing('new')}>{t('users:create')}</Button>}
      />
      <Paper withBorder p="md">
        <Group align="flex-end" gap="md">
          <TextInput
            label={t('users:search')}
            placeholder={t('users:searchPlaceholder')}
            type="search"
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setPage(1);
            }}
            w={{ base: '100%', sm: 300 }}
          />
          <Select
            label={t('users:roleFilter')}
            placeholder={t('common.all')}
            data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            value={role}
            onChange={(v) => {
              setRole(v as Role | null);
              setPage(1);
            }}
            clearable
            w={{ base: '100%', sm: 260 }}
          />
          <Select
            label={t('users:statusFilter')}
            placeholder={t('common.all')}
            data={USER_STATUSES.map((s) => ({ value: s, label: t(`users:statuses.${s}`) }))}
            value={status}
            onChange={(v) => {
              setStatus(v as UserStatus | null);
              setPage(1);
            }}
            clearable
            w={{ base: '100%', sm: 220 }}
            data-testid="users-status-filter"
          />
        </Group>
      </Paper>
      <Group justify="space-between" mih={28}>
        <Text c="dimmed" size="sm" role="status" aria-live="polite" data-testid="users-total">
          {users.data
            ? total > PAGE_SIZE
              ? t('users:range', {
                  from: offset + 1,
                  to: Math.min(offset + PAGE_SIZE, total),
                  total,
                })
              : t('users:total', { count: total })
            : ''}
        </Text>
        {notice && (
          <Text c="teal" size="sm" role="status">
            {notice}
          </Text>
        )}
      </Group>
      {actionError !== null && <ErrorAlert error={actionError} />}
      {users.isError && <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />}
      {users.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : (
        <div className="table-wrap table-sticky-actions">
          <Table striped data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users:columns.username')}</Table.Th>
                <Table.Th>{t('users:columns.displayName')}</Table.Th>
                <Table.Th>{t('users:columns.role')}</Table.Th>
                <Table.Th>{t('users:columns.scope')}</Table.Th>
                <Table.Th>{t('users:columns.status')}</Table.Th>
                <Table.Th>{t('users:columns.lastLogin')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td fw={600} className="username">
                    {u.username}
                  </Table.Td>
                  <Table.Td style={{ minWidth: 200 }}>
                    <ThaiText>{u.displayName}</ThaiText>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`roles.${u.role}`)}</Badge>
                  </Table.Td>
                  <Table.Td style={{ minWidth: 200 }}>
                    <UserScopeText user={u} />
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2} align="flex-start">
                      <Badge variant="dot" color={u.active ? 'teal' : 'gray'}>
                        {u.active ? t('common.active') : t('common.inactive')}
                      </Badge>
                      {u.lockedUntil && (
                        <Badge
                          size="sm"
                          variant="light"
                          color="red"
                          data-testid={`locked-${u.username}`}
                        >
                          {t('users:lockedUntil', { time: fmt.dateTime(u.lockedUntil) })}
                        </Badge>
                      )}
                      {u.mustChangePassword && (
                        <Badge size="xs" variant="outline" color="yellow">
                          {t('users:mustChange')}
                        </Badge>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {u.lastLoginAt ? fmt.dateTime(u.lastLoginAt) : t('users:never')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <UserRowActions
                      user={u}
                      onEdit={() => setEditing(u)}
                      onToggleActive={() =>
                        void run(
                          () => update.mutateAsync({ user: u, patch: { active: !u.active } }),
                          u.active ? t('users:disabled') : t('users:enabled'),
                        )
                      }
                      onResetPassword={() => setConfirmReset(u)}
                      onUnlock={() =>
                        void run(
                          () => unlock.mutateAsync(u),
                          t('users:unlocked', { username: u.username }),
                        )
                      }
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
              {rows.length === 0 && <EmptyRow columns={7}>{t('common.noData')}</EmptyRow>}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {pages > 1 && (
        <Group justify="center">
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={setPage}
            siblings={1}
            getControlProps={(control) => ({
              'aria-label':
                control === 'previous'
                  ? t('users:previousPage')
                  : control === 'next'
                    ? t('users:nextPage')
                    : undefined,
            })}
            getItemProps={(n) => ({ 'aria-label': t('users:pageN', { n }) })}
            data-testid="users-pagination"
          />
        </Group>
      )}
      {editing && (
        <UserFormModal
          user={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onUpdated={() => {
            setEditing(null);
            show(t('common.saved'));
          }}
          onCreated={(username, password) => {
            setEditing(null);
            show(t('users:created', { username }));
            if (password) setTemp({ username, password });
          }}
        />
      )}
      {confirmReset && (
        <Modal opened onClose={() => setConfirmReset(null)} title={t('users:resetPassword')}>
          <Stack>
            <Text>{t('users:resetConfirm', { username: confirmReset.username })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirmReset(null)}>
                {t('common.cancel')}
              </Button>
              <Button color="red" onClick={() => void doReset(confirmReset)}>
                {t('users:resetPassword')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
      {temp && (
        <TempPasswordModal
          username={temp.username}
          password={temp.password}
          onClose={() => setTemp(null)}
        />
      )}
    </Stack>
  );
}
