import { Anchor, Badge, Code, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ImportKindInfo } from '@pbis/contract';
import { useTranslation } from 'react-i18next';
import { exampleUrl } from './api';

/** The columns of a kind (the export's, in file order), which are required, and its example. */
export function ColumnList({ info, kindLabel }: { info: ImportKindInfo; kindLabel: string }) {
  const { t } = useTranslation();
  const required = new Set(info.required);
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('imports:formatTitle', { kind: kindLabel })}
        </Title>
        <Text size="sm" c="dimmed">
          {t('imports:formatIntro')}
        </Text>
        {info.example && (
          <Anchor href={exampleUrl(info.kind)} download={`${info.kind}-example.csv`}>
            {t('imports:example', { kind: kindLabel })}
          </Anchor>
        )}
        <Table.ScrollContainer minWidth={320}>
          <Table striped data-testid="import-columns">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports:columnCol')}</Table.Th>
                <Table.Th>{t('imports:meaningCol')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {info.columns.map((c) => (
                <Table.Tr key={c}>
                  <Table.Td>
                    <Code>{c}</Code>
                  </Table.Td>
                  <Table.Td>{t(`imports:columns.${c}`, { defaultValue: '' })}</Table.Td>
                  <Table.Td>
                    {required.has(c) ? (
                      <Badge size="sm" variant="light">
                        {t('imports:required')}
                      </Badge>
                    ) : (
                      <Text size="xs" c="dimmed">
                        {t('imports:optional')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}
