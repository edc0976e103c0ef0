import { Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../app/types';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string =>
  v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v, null, 2);

/** Before and after of an audit entry, field by field; changed fields are highlighted. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const { before, after } = entry;
  if (before == null && after == null) {
    return (
      <Text size="sm" c="dimmed">
        {t('audit.noChanges')}
      </Text>
    );
  }
  const b = isRecord(before) ? before : before == null ? {} : { value: before };
  const a = isRecord(after) ? after : after == null ? {} : { value: after };
  const same = (k: string) => JSON.stringify(b[k]) === JSON.stringify(a[k]);
  // changed fields first; unchanged ones follow, dimmed
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort(
    (x, y) => Number(same(x)) - Number(same(y)),
  );
  return (
    <div>
      <Table withTableBorder withColumnBorders fz="sm" data-testid={`audit-diff-${entry.seq}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="20%">{t('audit.field')}</Table.Th>
            <Table.Th w="40%">{t('audit.before')}</Table.Th>
            <Table.Th w="40%">{t('audit.after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((k) => {
            const changed = !same(k);
            return (
              <Table.Tr key={k} className={changed ? 'diff-changed' : 'diff-same'}>
                <Table.Td fw={changed ? 600 : undefined}>{k}</Table.Td>
                <Table.Td className="json-cell">{show(b[k])}</Table.Td>
                <Table.Td className="json-cell">{show(a[k])}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt={4}>
        {t('audit.hash')}: <Code fz="xs">{entry.hash}</Code>
      </Text>
    </div>
  );
}
