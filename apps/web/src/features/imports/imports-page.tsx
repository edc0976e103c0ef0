import {
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  Loader,
  Paper,
  Progress,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportIssue, ImportSummary } from '@pbis/contract';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { useFormat } from '../../app/format';
import { SESSION_KEY, sessionQuery } from '../../app/session';
import { ErrorAlert } from '../common/error-alert';
import { PageHeader } from '../common/page-header';
import { useFiscalYears } from '../periods/api';
import { uploadImport, useImportKinds, type Upload } from './api';
import { ColumnList } from './column-list';
import { FileDrop } from './file-drop';
import { ImportProblems, ImportSummaryView } from './import-result';
import { sizeText } from './issue-text';

/** The kinds in the order a budget year runs; a kind the server adds later comes after them. */
const KIND_ORDER = [
  'budget-lines',
  'transfers',
  'obligations',
  'disbursements',
  'carry-overs',
  'units',
];
/** The server's limit (read-table.ts MAX_IMPORT_BYTES) until GET /imports/kinds answers. */
const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
const FILE_TYPES = /\.(csv|xlsx|json|txt)$/i;

type Progressing = { loaded: number; total: number; sent: boolean };
type Outcome =
  | { kind: 'summary'; summary: ImportSummary }
  | { kind: 'refused'; errors: ImportIssue[]; total: number; more: number }
  | { kind: 'failed'; error: unknown }
  | { kind: 'local'; message: string }
  | { kind: 'cancelled' };

function refusal(e: unknown): Extract<Outcome, { kind: 'refused' }> | null {
  if (!(e instanceof ApiError) || e.reason !== 'import_rejected') return null;
  const d = e.details as { errors?: ImportIssue[]; total?: number; more?: number };
  const errors = Array.isArray(d.errors) ? d.errors : [];
  return { kind: 'refused', errors, total: d.total ?? errors.length, more: d.more ?? 0 };
}

/** Import a file: kind, year, file; check first (dry run), then import, with the upload's progress. */
export function ImportsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const session = useQuery(sessionQuery);
  const kinds = useImportKinds();
  const years = useFiscalYears();
  const [kind, setKind] = useState('disbursements');
  const [year, setYear] = useState<string | null>(null);
  const [createUnits, setCreateUnits] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<Progressing | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  /** What passed the last check: the import is offered for exactly that file and choice. */
  const [checked, setChecked] = useState<string | null>(null);
  const upload = useRef<Upload | null>(null);
  useEffect(() => () => upload.current?.abort(), []);

  const maxBytes = kinds.data?.maxBytes ?? DEFAULT_MAX_BYTES;
  const items = [...(kinds.data?.items ?? [])].sort(
    (a, b) => (KIND_ORDER.indexOf(a.kind) + 1 || 99) - (KIND_ORDER.indexOf(b.kind) + 1 || 99),
  );
  const info = items.find((k) => k.kind === kind);
  const kindLabel = (k: string) => t(`imports:kinds.${k}`, { defaultValue: k });
  const yearly = kind !== 'units';
  const choice = file
    ? [kind, yearly ? (year ?? '') : '', createUnits, file.name, file.size, file.lastModified].join(
        '|',
      )
    : null;

  const reset = () => {
    setOutcome(null);
    setProgress(null);
    setChecked(null);
  };

  const choose = (picked: File) => {
    reset();
    const name = picked.name;
    if (picked.size > maxBytes) {
      setFile(null);
      setOutcome({
        kind: 'local',
        message: t('imports:tooLarge', {
          name,
          size: sizeText(picked.size, f.lang),
          limit: sizeText(maxBytes, f.lang),
          interpolation: { escapeValue: false },
        }),
      });
      return;
    }
    if (!FILE_TYPES.test(name)) {
      setFile(null);
      setOutcome({
        kind: 'local',
        message: t('imports:wrongType', { name, interpolation: { escapeValue: false } }),
      });
      return;
    }
    if (picked.size === 0) {
      setFile(null);
      setOutcome({
        kind: 'local',
        message: t('imports:emptyFile', { name, interpolation: { escapeValue: false } }),
      });
      return;
    }
    setFile(picked);
  };

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setOutcome(null);
    setBusy(dryRun ? 'check' : 'import');
    setProgress({ loaded: 0, total: file.size, sent: false });
    const u = uploadImport({
      kind,
      file,
      fiscalYear: yearly ? year : null,
      dryRun,
      createUnits: kind === 'budget-lines' && createUnits,
      csrfToken: session.data?.csrfToken ?? null,
      onProgress: (loaded, total) =>
        setProgress((p) => ({ loaded, total, sent: p?.sent ?? false })),
      onUploaded: () =>
        setProgress((p) => ({
          loaded: p?.total ?? file.size,
          total: p?.total ?? file.size,
          sent: true,
        })),
    });
    upload.current = u;
    try {
      const summary = await u.promise;
      setProgress((p) => ({
        loaded: p?.total ?? file.size,
        total: p?.total ?? file.size,
        sent: true,
      }));
      setOutcome({ kind: 'summary', summary });
      if (dryRun) setChecked(summary.alreadyImported ? null : choice);
      else {
        setChecked(null);
        // Everything read from the ledger is stale now (execution page, indicators, home cards).
        void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      }
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') {
        setProgress(null);
        setOutcome({ kind: 'cancelled' });
      } else setOutcome(refusal(e) ?? { kind: 'failed', error: e });
      setChecked(null);
    } finally {
      upload.current = null;
      setBusy(null);
    }
  };

  const percent = progress
    ? progress.total > 0
      ? Math.min(100, Math.floor((progress.loaded / progress.total) * 100))
      : 100
    : 0;
  const yearOptions = (years.data?.items ?? [])
    .map((y) => String(y.year))
    .sort((a, b) => b.localeCompare(a));

  return (
    <Stack gap="md">
      <PageHeader title={t('imports:title')} intro={t('imports:intro')} />
      {kinds.error && <ErrorAlert error={kinds.error} onRetry={() => void kinds.refetch()} />}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder p="md">
            <Stack gap="md">
              <Radio.Group
                label={t('imports:kind')}
                value={kind}
                onChange={(v) => {
                  setKind(v);
                  reset();
                }}
              >
                <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="xs" mt="xs">
                  {(items.length ? items.map((k) => k.kind) : KIND_ORDER).map((k) => (
                    <Radio key={k} value={k} label={kindLabel(k)} disabled={busy !== null} />
                  ))}
                </SimpleGrid>
              </Radio.Group>
              {yearly && (
                <Select
                  label={t('imports:fiscalYear')}
                  description={t('imports:fiscalYearHint')}
                  placeholder={t('imports:fiscalYearFromFile')}
                  data={yearOptions}
                  value={year}
                  onChange={(v) => {
                    setYear(v);
                    setChecked(null);
                  }}
                  clearable
                  disabled={busy !== null}
                  maw={360}
                />
              )}
              {kind === 'budget-lines' && (
                <Checkbox
                  label={t('imports:createUnits')}
                  checked={createUnits}
                  onChange={(e) => {
                    setCreateUnits(e.currentTarget.checked);
                    setChecked(null);
                  }}
                  disabled={busy !== null}
                />
              )}
              <FileDrop
                file={file}
                disabled={busy !== null}
                limitText={t('imports:sizeLimit', { size: sizeText(maxBytes, f.lang) })}
                fileText={
                  file
                    ? t('imports:chosen', {
                        name: file.name,
                        size: sizeText(file.size, f.lang),
                        interpolation: { escapeValue: false },
                      })
                    : ''
                }
                onFile={choose}
              />
              <Group gap="sm">
                <Button
                  variant="light"
                  onClick={() => void send(true)}
                  disabled={!file || busy !== null}
                  loading={busy === 'check'}
                >
                  {t('imports:check')}
                </Button>
                <Button
                  onClick={() => void send(false)}
                  disabled={!file || busy !== null || checked === null || checked !== choice}
                  loading={busy === 'import'}
                >
                  {t('imports:import')}
                </Button>
                {busy !== null && progress && !progress.sent && (
                  <Button variant="subtle" color="gray" onClick={() => upload.current?.abort()}>
                    {t('imports:cancel')}
                  </Button>
                )}
              </Group>
              {file && !checked && !busy && !outcome && (
                <Text size="sm" c="dimmed">
                  {t('imports:checkFirst')}
                </Text>
              )}
              {progress && (
                <Stack gap={4} data-testid="import-progress">
                  <Progress.Root size="lg">
                    <Progress.Section
                      value={percent}
                      aria-label={t('imports:progressLabel')}
                      color={progress.sent ? 'teal' : 'blue'}
                      animated={!progress.sent}
                    />
                  </Progress.Root>
                  <Text size="sm">
                    {progress.sent
                      ? t('imports:uploaded', {
                          total: sizeText(file?.size ?? progress.total, f.lang),
                        })
                      : t('imports:uploading', {
                          percent,
                          loaded: sizeText(progress.loaded, f.lang),
                          total: sizeText(progress.total, f.lang),
                        })}
                  </Text>
                  {busy !== null && progress.sent && (
                    <Group gap="xs" data-testid="import-processing">
                      <Loader size="xs" />
                      <Text size="sm">
                        {busy === 'check'
                          ? t('imports:processingCheck')
                          : t('imports:processingImport')}
                      </Text>
                    </Group>
                  )}
                </Stack>
              )}
            </Stack>
          </Paper>
          {outcome && (
            <Stack gap="md" mt="md">
              {outcome?.kind === 'summary' && <ImportSummaryView summary={outcome.summary} />}
              {outcome?.kind === 'refused' && (
                <ImportProblems errors={outcome.errors} total={outcome.total} more={outcome.more} />
              )}
              {outcome?.kind === 'failed' && (
                <Stack gap={4}>
                  <ErrorAlert error={outcome.error} />
                  <Text size="sm" fw={600}>
                    {t('imports:failedNote')}
                  </Text>
                </Stack>
              )}
              {outcome?.kind === 'local' && (
                <Alert color="red" variant="light" role="alert" data-testid="import-local-refusal">
                  {outcome.message}
                </Alert>
              )}
              {outcome?.kind === 'cancelled' && (
                <Alert color="gray" variant="light" role="status">
                  {t('imports:cancelled')}
                </Alert>
              )}
            </Stack>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          {info ? (
            <ColumnList info={info} kindLabel={kindLabel(kind)} />
          ) : (
            kinds.isPending && <Loader />
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
