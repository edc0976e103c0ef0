import { Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ThaiText } from '../../app/thai-text';
import type { AuditEntry } from './api';
import { fieldLabel, isTechnical, snakeKey, valueText } from './audit-text';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Before and after of an audit entry, field by field, in words; changed fields first. */
export function AuditDiff({
  entry,
  names,
  lang,
}: {
  entry: AuditEntry;
  names: ReadonlyMap<string, string>;
  lang: 'th' | 'en';
}) {
  const { t } = useTranslation();
  const { before, after } = entry;
  if (before == null && after == null) {
    return (
      <Text size="sm" c="dimmed">
        {t('audit:noChanges')}
      </Text>
    );
  }
  const b = isRecord(before) ? before : before == null ? {} : { value: before };
  const a = isRecord(after) ? after : after == null ? {} : { value: after };
  const same = (k: string) => JSON.stringify(b[k]) === JSON.stringify(a[k]);
  // changed fields first, then the unchanged ones (dimmed), the row's identity last
  const weight = (k: string) => (isTechnical(k) ? 2 : same(k) ? 1 : 0);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => snakeKey(k) !== 'password_hash')
    .sort((x, y) => weight(x) - weight(y));
  const shown = (k: string, record: Record<string, unknown>) =>
    k in record ? valueText(k, record[k], { t, lang, names, record }) : '';
  return (
    <div>
      <Table withTableBorder withColumnBorders fz="sm" data-testid={`audit-diff-${entry.seq}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="28%">{t('audit:field')}</Table.Th>
            <Table.Th w="36%">{t('audit:before')}</Table.Th>
            <Table.Th w="36%">{t('audit:after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((k) => {
            const changed = !same(k);
            return (
              <Table.Tr key={k} className={changed ? 'diff-changed' : 'diff-same'}>
                <Table.Td fw={changed ? 600 : undefined} title={k}>
                  {fieldLabel(t, k)}
                </Table.Td>
                <Table.Td className="audit-value">
                  <ThaiText>{shown(k, b)}</ThaiText>
                </Table.Td>
                <Table.Td className="audit-value">
                  <ThaiText>{shown(k, a)}</ThaiText>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt={4}>
        {t('audit:hash')}: <Code fz="xs">{entry.hash}</Code>
      </Text>
    </div>
  );
}
