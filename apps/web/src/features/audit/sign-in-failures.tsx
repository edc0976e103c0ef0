import { Badge, Loader, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { ErrorAlert } from '../common/error-alert';
import { useSignInFailures } from './api';
import { bangkokDateTime } from './audit-text';
import { EmptyRow } from '../common/empty-row';

/** Failed sign-ins by username and address: how many, first and last time (admin only). */
export function SignInFailures() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const failures = useSignInFailures(true);
  if (failures.isPending) return <Loader aria-label={t('common.loading')} />;
  if (failures.isError)
    return <ErrorAlert error={failures.error} onRetry={() => void failures.refetch()} />;
  return (
    <Stack gap="sm">
      <Text c="dimmed" size="sm">
        {t('audit:failures.intro')}
      </Text>
      <div className="table-wrap">
        <Table striped data-testid="sign-in-failures">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit:failures.username')}</Table.Th>
              <Table.Th>{t('audit:failures.address')}</Table.Th>
              <Table.Th>{t('audit:failures.count')}</Table.Th>
              <Table.Th>{t('audit:failures.first')}</Table.Th>
              <Table.Th>{t('audit:failures.last')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {failures.data.items.map((f) => (
              <Table.Tr key={`${f.username}|${f.ip}|${f.hour}`}>
                <Table.Td fw={600} className="username">
                  {f.username || t('audit:failures.noAccount')}
                </Table.Td>
                <Table.Td className="nowrap">
                  <code>{f.ip}</code>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={f.failures >= 5 ? 'red' : 'orange'}>
                    {t('audit:failures.times', { count: f.failures })}
                  </Badge>
                </Table.Td>
                <Table.Td className="nowrap">{bangkokDateTime(f.firstAt, fmt.lang)}</Table.Td>
                <Table.Td className="nowrap">{bangkokDateTime(f.lastAt, fmt.lang)}</Table.Td>
              </Table.Tr>
            ))}
            {failures.data.items.length === 0 && (
              <EmptyRow columns={5}>{t('audit:failures.none')}</EmptyRow>
            )}
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}
