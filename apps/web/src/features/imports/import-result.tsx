import { Alert, List, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { ImportIssue, ImportSummary } from '@pbis/contract';
import { decimalToSatang, formatBaht } from '@pbis/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { issueText, warningText } from './issue-text';

/** What an accepted file did (a check or an import): rows, total baht, created/updated/unchanged. */
export function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const title = summary.alreadyImported
    ? t('imports:alreadyTitle')
    : summary.dryRun
      ? t('imports:checkedTitle')
      : t('imports:importedTitle');
  const note = summary.alreadyImported
    ? t('imports:alreadyNote')
    : summary.dryRun
      ? t('imports:checkedNote')
      : t('imports:importedNote');
  const count = (n: number) => t('imports:summary.count', { n: f.number(n) });
  const figures: [string, string][] = [
    [t('imports:summary.file'), summary.file],
    [t('imports:summary.rows'), count(summary.rows)],
    [
      t('imports:summary.total'),
      t('imports:summary.baht', { amount: formatBaht(decimalToSatang(summary.totalBaht)) }),
    ],
    [t('imports:summary.created'), count(summary.created)],
    [t('imports:summary.updated'), count(summary.updated)],
    [t('imports:summary.unchanged'), count(summary.unchanged)],
    [
      t('imports:summary.alreadyImported'),
      summary.alreadyImported ? t('imports:summary.yes') : t('imports:summary.no'),
    ],
  ];
  return (
    <Alert
      color={summary.alreadyImported ? 'yellow' : summary.dryRun ? 'blue' : 'green'}
      variant="light"
      title={title}
      data-testid="import-summary"
      role="status"
    >
      <Stack gap="sm">
        <Text size="sm">{note}</Text>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" verticalSpacing="xs">
          {figures.map(([label, value]) => (
            <Stack gap={0} key={label}>
              <Text size="xs" c="dimmed">
                {label}
              </Text>
              <Text fw={600} style={{ wordBreak: 'break-word' }} data-label={label}>
                {value}
              </Text>
            </Stack>
          ))}
        </SimpleGrid>
        {summary.warnings.length > 0 && (
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {t('imports:warningsTitle')}
            </Text>
            <List size="sm">
              {summary.warnings.map((w) => (
                <List.Item key={w}>{warningText(t, w)}</List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
    </Alert>
  );
}

/** A refused file: every problem listed by line in the page's language; nothing was written. */
export function ImportProblems({
  errors,
  total,
  more,
}: {
  errors: ImportIssue[];
  total: number;
  more: number;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const format = { lang: f.lang, day: f.day };
  return (
    <Paper withBorder p="md" data-testid="import-problems">
      <Alert
        color="red"
        variant="light"
        title={t('imports:refusedTitle', { total: f.number(total) })}
        role="alert"
        mb="sm"
      >
        <Text size="sm" fw={600}>
          {t('imports:nothingWritten')}
        </Text>
      </Alert>
      <Table.ScrollContainer minWidth={320}>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>{t('imports:lineCol')}</Table.Th>
              <Table.Th>{t('imports:problemCol')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {errors.map((e, i) => (
              <Table.Tr key={`${e.line}-${i}`}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {t('imports:lineN', { line: f.number(e.line) })}
                </Table.Td>
                <Table.Td>{issueText(t, e, format)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {more > 0 && (
        <Text size="sm" c="dimmed" mt="xs">
          {t('imports:more', { count: more, shown: errors.length })}
        </Text>
      )}
    </Paper>
  );
}
