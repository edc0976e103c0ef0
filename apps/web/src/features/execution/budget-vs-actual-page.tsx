import {
  Anchor,
  Badge,
  Box,
  Breadcrumbs,
  Button,
  Group,
  Loader,
  Pagination,
  Paper,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { BvaRow, LineDocument } from '@pbis/contract';
import { decimalToSatang, formatBaht } from '@pbis/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { DayInput } from '../common/day-input';
import { EmptyRow } from '../common/empty-row';
import { ErrorAlert } from '../common/error-alert';
import { PageHeader } from '../common/page-header';
import {
  DOCUMENTS_PAGE,
  reportUrl,
  useBudgetVsActual,
  useLineDocuments,
  type BvaStep,
} from './bva-api';

const YEARS = ['2566', '2565', '2564', '2563'];
const baht = (v: string) => formatBaht(decimalToSatang(v));
const FIGURES = [
  'enactedBaht',
  'revisedBaht',
  'reservedBaht',
  'obligatedBaht',
  'disbursedBaht',
  'availableBaht',
] as const;

/** A rate as a bar and its figure: red below 50 %, orange below 80 %, green from there. */
function RateBar({ rate }: { rate: string | null }) {
  if (rate === null) return <Text c="dimmed">–</Text>;
  const n = Number(rate);
  return (
    <Stack gap={2} miw={84}>
      <Text size="sm" ta="right" style={{ whiteSpace: 'nowrap' }}>
        {rate} %
      </Text>
      <Progress
        value={Math.max(0, Math.min(100, n))}
        color={n < 50 ? 'red' : n < 80 ? 'orange' : 'teal'}
        size="sm"
        aria-hidden
      />
    </Stack>
  );
}

/**
 * Budget vs actual at every level: the BMA, an analysis division, a unit, its programmes,
 * projects, expense categories and lines; a click on a row goes down a level, the breadcrumbs go
 * back up, and a line shows its documents.
 */
export function BudgetVsActualPage() {
  const { t } = useTranslation();
  const [year, setYear] = useState('2565');
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const [path, setPath] = useState<BvaStep[]>([]);
  const [line, setLine] = useState<BvaRow | null>(null);
  const fiscalYear = Number(year);
  const q = useBudgetVsActual(fiscalYear, path, asOf ?? null);
  const data = q.data;
  const unitStep = path.find((s) => s.level === 'unit');
  const unitCode = unitStep?.code ?? null;

  const descend = (r: BvaRow) => {
    if (r.level === 'line') setLine(r);
    else if (r.level !== 'bma')
      setPath([...path, { level: r.level, key: r.key, name: r.name, code: r.code }]);
  };
  const goTo = (depth: number) => {
    setLine(null);
    setPath(path.slice(0, depth));
  };

  return (
    <Stack gap="md">
      <PageHeader
        title={t('bva:title')}
        intro={t('bva:intro')}
        actions={
          <Group align="flex-end">
            <Select
              label={t('bva:fiscalYear')}
              data={YEARS}
              value={year}
              onChange={(v) => {
                if (!v) return;
                setYear(v);
                setPath([]);
                setLine(null);
              }}
              allowDeselect={false}
              w={130}
            />
            <DayInput label={t('bva:asOf')} value={asOf} onChange={setAsOf} w={170} />
          </Group>
        }
      />
      <Group justify="space-between" wrap="wrap">
        <Box component="nav" aria-label={t('bva:breadcrumbs')}>
          <Breadcrumbs separator="›">
            <Anchor component="button" type="button" onClick={() => goTo(0)}>
              {t('bva:bma')}
            </Anchor>
            {path.map((s, i) =>
              i === path.length - 1 && !line ? (
                <Text key={s.level}>{s.name}</Text>
              ) : (
                <Anchor key={s.level} component="button" type="button" onClick={() => goTo(i + 1)}>
                  {s.name}
                </Anchor>
              ),
            )}
            {line && <Text>{line.name}</Text>}
          </Breadcrumbs>
        </Box>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {unitStep ? t('bva:downloadUnit') : t('bva:downloadAll')}
          </Text>
          {(['pdf', 'xlsx', 'csv'] as const).map((f) => (
            <Button
              key={f}
              component="a"
              href={reportUrl(f, fiscalYear, unitCode, asOf ?? null)}
              download
              variant="light"
              size="xs"
            >
              {t(`bva:format.${f}`)}
            </Button>
          ))}
        </Group>
      </Group>
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {line ? (
        <LineDocumentsPanel lineId={line.lineId!} />
      ) : (
        <Paper withBorder p="md">
          {!data ? (
            <Loader />
          ) : (
            <Table.ScrollContainer minWidth={980}>
              <Table striped highlightOnHover fz="sm" horizontalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t(`bva:level.${data.level}`)}</Table.Th>
                    {FIGURES.map((f) => (
                      <Table.Th key={f} ta="right">
                        {t(`bva:${f}`)}
                      </Table.Th>
                    ))}
                    <Table.Th>{t('bva:rate')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.rows.length === 0 && <EmptyRow columns={8}>{t('bva:noRows')}</EmptyRow>}
                  {data.rows.map((r) => (
                    <Table.Tr
                      key={r.key}
                      onClick={() => descend(r)}
                      style={{ cursor: 'pointer' }}
                      tabIndex={0}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') descend(r);
                      }}
                      aria-label={t('bva:open', { name: r.name })}
                    >
                      <Table.Td>
                        <Stack gap={0}>
                          <Text fw={500}>
                            {r.code && r.level !== 'division' ? `${r.code} ${r.name}` : r.name}
                          </Text>
                          {r.level !== 'line' ? (
                            <Text size="xs" c="dimmed">
                              {t('bva:children', {
                                count: r.childCount,
                                level: t(`bva:levelPlural.${nextLevel(r.level)}`),
                              })}
                            </Text>
                          ) : (
                            r.fundSource !== 'regular' && (
                              <Badge size="xs" variant="light">
                                {t(`bva:fund.${r.fundSource}`)}
                              </Badge>
                            )
                          )}
                        </Stack>
                      </Table.Td>
                      {FIGURES.map((f) => (
                        <Table.Td key={f} ta="right">
                          {baht(r[f])}
                        </Table.Td>
                      ))}
                      <Table.Td>
                        <RateBar rate={r.disbursementRate} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                  {data.rows.length > 0 && (
                    <Table.Tr fw={700}>
                      <Table.Td>{t('bva:total')}</Table.Td>
                      {FIGURES.map((f) => (
                        <Table.Td key={f} ta="right">
                          {baht(data.total[f])}
                        </Table.Td>
                      ))}
                      <Table.Td>
                        <RateBar rate={data.total.disbursementRate} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Text size="sm" c="dimmed" mt="xs">
            {t('bva:unitNote')}
          </Text>
        </Paper>
      )}
    </Stack>
  );
}

const NEXT: Record<string, string> = {
  division: 'unit',
  unit: 'programme',
  programme: 'project',
  project: 'category',
  category: 'line',
};
const nextLevel = (l: string) => NEXT[l] ?? 'line';

/** A line's figures and its documents, newest first, a page at a time. */
function LineDocumentsPanel({ lineId }: { lineId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [page, setPage] = useState(0);
  const docs = useLineDocuments(lineId, page);
  const d = docs.data;
  const pages = d ? Math.max(1, Math.ceil(d.total / DOCUMENTS_PAGE)) : 1;
  return (
    <Paper withBorder p="md">
      {docs.error && <ErrorAlert error={docs.error} onRetry={() => void docs.refetch()} />}
      {!d ? (
        <Loader />
      ) : (
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('bva:documentsOf', {
              unit: `${d.line.unitCode} ${d.line.unitName}`,
              project: d.line.project,
            })}
          </Title>
          <Group gap="xl">
            {FIGURES.map((f) => (
              <Stack gap={0} key={f}>
                <Text size="sm" c="dimmed">
                  {t(`bva:${f}`)}
                </Text>
                <Text fw={600}>{baht(d.line[f])}</Text>
              </Stack>
            ))}
            <Stack gap={0}>
              <Text size="sm" c="dimmed">
                {t('bva:rate')}
              </Text>
              <RateBar rate={d.line.disbursementRate} />
            </Stack>
          </Group>
          <Table.ScrollContainer minWidth={900}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('bva:doc.date')}</Table.Th>
                  <Table.Th>{t('bva:doc.kind')}</Table.Th>
                  <Table.Th>{t('bva:doc.number')}</Table.Th>
                  <Table.Th ta="right">{t('bva:doc.amount')}</Table.Th>
                  <Table.Th>{t('bva:doc.detail')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.items.length === 0 && <EmptyRow columns={5}>{t('bva:doc.none')}</EmptyRow>}
                {d.items.map((doc, i) => (
                  <Table.Tr key={`${doc.kind}-${doc.documentNo}-${i}`}>
                    <Table.Td>{fmt.day(doc.date)}</Table.Td>
                    <Table.Td>{t(`bva:doc.kinds.${doc.kind}`)}</Table.Td>
                    <Table.Td>{doc.documentNo}</Table.Td>
                    <Table.Td ta="right">{baht(doc.amountBaht)}</Table.Td>
                    <Table.Td>{detailOf(doc, t)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages > 1 && (
            <Pagination total={pages} value={page + 1} onChange={(p) => setPage(p - 1)} />
          )}
        </Stack>
      )}
    </Paper>
  );
}

function detailOf(
  doc: LineDocument,
  t: (k: string, o?: Record<string, unknown>) => string,
): string {
  const parts: string[] = [];
  if (doc.vendor) parts.push(doc.vendor);
  if (doc.settledBaht !== null) parts.push(t('bva:doc.settled', { amount: baht(doc.settledBaht) }));
  if (doc.kind === 'disbursement')
    parts.push(
      doc.obligationNo
        ? t('bva:doc.paysObligation', { no: doc.obligationNo })
        : t('bva:doc.direct'),
    );
  if (doc.counterpart)
    parts.push(
      t(doc.kind === 'transfer_in' ? 'bva:doc.from' : 'bva:doc.to', { line: doc.counterpart }),
    );
  if (doc.kind === 'carry_over' && doc.detail) parts.push(t(`bva:doc.carry.${doc.detail}`));
  else if (doc.detail) parts.push(doc.detail);
  if (doc.status) parts.push(t(`bva:doc.status.${doc.status}`));
  return parts.join(' · ');
}
