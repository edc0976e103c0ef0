import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link, useParams } from '@tanstack/react-router';
import { EVIDENCE_CONTENT_TYPES, EVIDENCE_MAX_BYTES, type IndicatorDetail } from '@pbis/contract';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { useFormat } from '../../app/format';
import { EmptyRow } from '../common/empty-row';
import { ErrorAlert } from '../common/error-alert';
import { PageHeader } from '../common/page-header';
import {
  evidenceUrl,
  useAttachEvidence,
  useCriteriaCheck,
  useIndicator,
  useSaveCriteria,
  useSaveResult,
  useUnitPlans,
} from './api';
import {
  criteriaRows,
  evidenceProblem,
  fileSize,
  parseCriteriaText,
  periodLabel,
  periodOrder,
  type Lang,
} from './plan-view';
import { EngineDetail } from './engine-detail';
import { LineChartBox } from './results-chart';
import { PlanNotFound } from './tree-page';

type Result = IndicatorDetail['results'][number];
type Score = Result['score'];
const EDITORS = ['admin', 'budget_office', 'unit_officer'];
const byPeriod = (a: Result, b: Result) =>
  a.fiscalYear - b.fiscalYear || periodOrder(a) - periodOrder(b);

/** An indicator: definition, criteria with the engine's warnings, targets, results, evidence, scores. */
export function IndicatorPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const ind = useIndicator(id);
  if (ind.error instanceof ApiError && (ind.error.status === 404 || ind.error.status === 400))
    return <PlanNotFound />;
  if (ind.error) return <ErrorAlert error={ind.error} onRetry={() => void ind.refetch()} />;
  if (!ind.data) return <Loader aria-label={t('common.loading')} />;
  return <IndicatorView ind={ind.data} />;
}

function IndicatorView({ ind }: { ind: IndicatorDetail }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const f = useFormat();
  const lang: Lang = f.lang;
  const plans = useUnitPlans(ind.unitId);
  const plan = plans.data?.items.find((p) => p.id === ind.actionPlanId);
  const canEdit = EDITORS.includes(me.role) && ind.source === 'entered';
  const name = i18n.language === 'en' && ind.nameEn ? ind.nameEn : ind.nameTh;
  const results = useMemo(() => [...ind.results].sort(byPeriod), [ind.results]);

  return (
    <Stack gap="md">
      <Anchor
        component={Link}
        to="/plans"
        search={{ unitId: ind.unitId, year: plan?.fiscalYear } as never}
        size="sm"
      >
        ← {t('plans:backToTree')}
      </Anchor>
      <PageHeader
        title={ind.code ? `${t('plans:indicatorCode', { code: ind.code })} ${name}` : name}
      />
      {ind.source === 'computed' && (
        <Alert
          color="blue"
          variant="light"
          title={t('plans:computedTitle')}
          data-testid="computed-note"
        >
          {t(`plans:computedSource.${ind.computedSource ?? 'execution.disbursement_rate'}`)}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Definition ind={ind} />
        <Targets ind={ind} />
      </SimpleGrid>
      <Criteria ind={ind} canEdit={EDITORS.includes(me.role)} />
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          {t('plans:resultsTitle')}
        </Title>
        <ResultsChart ind={ind} results={results} lang={lang} />
      </Paper>
      {canEdit && plan && <ResultForm ind={ind} fiscalYear={plan.fiscalYear} results={results} />}
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          {t('plans:scoreHistory')}
        </Title>
        <Table.ScrollContainer minWidth={760}>
          <Table striped data-testid="results-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plans:fiscalYear')}</Table.Th>
                <Table.Th>{t('plans:period')}</Table.Th>
                <Table.Th ta="right">{t('plans:value')}</Table.Th>
                <Table.Th>{t('plans:score')}</Table.Th>
                <Table.Th>{t('plans:comment')}</Table.Th>
                <Table.Th>{t('plans:evidence')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {results.length === 0 && <EmptyRow columns={6}>{t('plans:noResults')}</EmptyRow>}
              {[...results].reverse().map((r) => (
                <Table.Tr key={`${r.fiscalYear}-${r.periodKind}-${r.periodNo}`}>
                  <Table.Td>{r.fiscalYear}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{periodLabel(r, lang)}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {r.value} {ind.unitOfMeasure}
                  </Table.Td>
                  <Table.Td>
                    <ScoreText score={r.score} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.comment}</Text>
                    {r.computed && (
                      <Text size="xs" c="dimmed">
                        {t('plans:computedShort')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <EvidenceList result={r} canAttach={canEdit} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}

/** A score in words: level and points, or why there is none (a result in a criteria gap). */
export function ScoreText({ score }: { score: Score }) {
  const { t } = useTranslation();
  if (score.level !== null)
    return (
      <Badge color="blue" variant="light" style={{ textTransform: 'none' }} data-testid="score">
        {t('plans:levelPoints', { level: score.level, points: score.points })}
      </Badge>
    );
  if (score.problem?.code === 'result_not_scored')
    return (
      <Stack gap={2} data-testid="score-gap">
        <Badge color="orange" variant="light" style={{ textTransform: 'none' }}>
          {t('plans:inGap')}
        </Badge>
        <EngineDetail message={score.problem.message} />
      </Stack>
    );
  if (score.problem?.code === 'no_criteria')
    return (
      <Text size="sm" c="dimmed">
        {t('plans:noCriteria')}
      </Text>
    );
  return <Text size="sm">–</Text>;
}

function Field({ label, children }: { label: string; children: string }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {children || '–'}
      </Text>
    </div>
  );
}

function Definition({ ind }: { ind: IndicatorDetail }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" h="100%">
      <Title order={3} size="h4" mb="sm">
        {t('plans:definitionTitle')}
      </Title>
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Field label={t('plans:unitOfMeasure')}>{ind.unitOfMeasure}</Field>
          <Field label={t('plans:direction')}>{t(`plans:directions.${ind.direction}`)}</Field>
          <Field label={t('plans:levelLabel')}>{t(`plans:levels.${ind.level}`)}</Field>
        </SimpleGrid>
        <Field label={t('plans:definition')}>{ind.definition}</Field>
        <Field label={t('plans:calculation')}>{ind.calculationMethod}</Field>
        <Field label={t('plans:evidenceRequired')}>{ind.evidenceRequired}</Field>
      </Stack>
    </Paper>
  );
}

function Targets({ ind }: { ind: IndicatorDetail }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" h="100%">
      <Title order={3} size="h4" mb="sm">
        {t('plans:targetsTitle')}
      </Title>
      <Table data-testid="targets-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('plans:fiscalYear')}</Table.Th>
            <Table.Th>{t('plans:target')}</Table.Th>
            <Table.Th>{t('plans:note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ind.targets.length === 0 && <EmptyRow columns={3}>{t('plans:noTargets')}</EmptyRow>}
          {[...ind.targets]
            .sort((a, b) => a.fiscalYear - b.fiscalYear)
            .map((x) => (
              <Table.Tr key={x.fiscalYear}>
                <Table.Td>{x.fiscalYear}</Table.Td>
                <Table.Td>
                  {t(x.kind === 'level' ? 'plans:targetLevel' : 'plans:targetValue', {
                    value: x.value,
                    unit: ind.unitOfMeasure,
                  })}
                </Table.Td>
                <Table.Td>{x.note}</Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function CriteriaWarnings({ warnings }: { warnings: IndicatorDetail['criteriaWarnings'] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      title={t('plans:criteriaWarnings')}
      data-testid="criteria-warnings"
    >
      <Stack gap={2}>
        {warnings.map((w, i) => (
          <Text size="sm" key={i}>
            {t(`plans:criteriaWarning.${w.code}`, {
              defaultValue: t('plans:criteriaWarning.other'),
            })}
            {w.from !== undefined && w.to !== undefined && ` (${w.from} – ${w.to})`}
            <EngineDetail message={w.message} />
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

function Criteria({ ind, canEdit }: { ind: IndicatorDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [editing, setEditing] = useState(false);
  const rows = criteriaRows(ind.criteria, f.lang);
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          {t('plans:criteriaTitle')}
          {ind.criteria && typeof ind.criteria.kind === 'string' && (
            <Text span c="dimmed" size="sm" ml="xs">
              ({t(`plans:criteriaKinds.${ind.criteria.kind}`, { defaultValue: ind.criteria.kind })})
            </Text>
          )}
        </Title>
        {canEdit && !editing && (
          <Button size="xs" variant="light" onClick={() => setEditing(true)}>
            {t('plans:editCriteria')}
          </Button>
        )}
      </Group>
      <Stack gap="sm">
        <CriteriaWarnings warnings={ind.criteriaWarnings} />
        {!ind.criteria ? (
          <Text c="dimmed">{t('plans:noCriteria')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={300}>
            <Table data-testid="criteria-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('plans:criteriaNo')}</Table.Th>
                  <Table.Th>{t('plans:criteriaCondition')}</Table.Th>
                  <Table.Th ta="right">{t('plans:points')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{t(`plans:criteriaRow.${r.kind}`, { no: r.no })}</Table.Td>
                    <Table.Td>{r.condition}</Table.Td>
                    <Table.Td ta="right">{r.points}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {editing && <CriteriaEditor ind={ind} onDone={() => setEditing(false)} />}
      </Stack>
    </Paper>
  );
}

/** Criteria as JSON with the engine's gap/overlap warnings shown as you type. */
function CriteriaEditor({ ind, onDone }: { ind: IndicatorDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() =>
    JSON.stringify(ind.criteria ?? { kind: 'bands', bands: [] }, null, 2),
  );
  const [debounced] = useDebouncedValue(text, 350);
  const parsed = parseCriteriaText(debounced);
  const check = useCriteriaCheck(parsed.ok ? parsed.value : null);
  const save = useSaveCriteria(ind.id);
  const invalid = check.error instanceof ApiError ? check.error : null;
  return (
    <Stack gap="xs" data-testid="criteria-editor">
      <Textarea
        label={t('plans:criteriaJson')}
        description={t('plans:criteriaJsonHelp')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        autosize
        minRows={6}
        maxRows={20}
        styles={{ input: { fontFamily: 'monospace', fontSize: 13 } }}
        error={!parsed.ok ? t('plans:notJson') : invalid ? t('plans:criteriaInvalid') : undefined}
      />
      {parsed.ok && check.data && check.data.warnings.length === 0 && !invalid && (
        <Text size="sm" c="green" data-testid="criteria-ok">
          {t('plans:criteriaOk')}
        </Text>
      )}
      {parsed.ok && check.data && !invalid && <CriteriaWarnings warnings={check.data.warnings} />}
      {save.error && <ErrorAlert error={save.error} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('plans:cancel')}
        </Button>
        <Button
          disabled={!parsed.ok || !!invalid}
          loading={save.isPending}
          onClick={() =>
            parsed.ok &&
            save.mutate({ version: ind.version, criteria: parsed.value }, { onSuccess: onDone })
          }
        >
          {t('plans:save')}
        </Button>
      </Group>
    </Stack>
  );
}

function ResultsChart({
  ind,
  results,
  lang,
}: {
  ind: IndicatorDetail;
  results: Result[];
  lang: Lang;
}) {
  const { t } = useTranslation();
  const { labels, series } = useMemo(() => {
    const labels = results.map(
      (r) =>
        `${periodLabel(r, lang)}${r.periodKind === 'month' ? '' : ` ${lang === 'th' ? r.fiscalYear : r.fiscalYear - 543}`}`,
    );
    const target = (y: number) => {
      const x = ind.targets.find((tg) => tg.fiscalYear === y);
      return x && x.kind === 'numeric' ? Number(x.value) : x ? Number(x.value) : null;
    };
    const levelTarget = ind.targets.some((x) => x.kind === 'level');
    const series = [
      {
        name: t('plans:chartValue', { unit: ind.unitOfMeasure }),
        values: results.map((r) => Number(r.value)),
      },
      { name: t('plans:chartLevel'), values: results.map((r) => r.score.level), step: true },
      {
        name: t(levelTarget ? 'plans:chartTargetLevel' : 'plans:chartTarget'),
        values: results.map((r) => target(r.fiscalYear)),
        dashed: true,
      },
    ].filter((s) => s.values.some((v) => v !== null));
    return { labels, series };
  }, [results, ind, lang, t]);
  if (results.length === 0) return <Text c="dimmed">{t('plans:noResults')}</Text>;
  return (
    <LineChartBox
      labels={labels}
      series={series}
      label={t('plans:resultsChart')}
      testId="results-chart"
    />
  );
}

function EvidenceList({ result, canAttach }: { result: Result; canAttach: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const attach = useAttachEvidence();
  return (
    <Stack gap={4}>
      {result.evidence.map((e) => (
        <div key={e.id} data-testid="evidence">
          <Anchor
            href={evidenceUrl(e.id)}
            size="sm"
            download={e.fileName}
            style={{ overflowWrap: 'anywhere' }}
          >
            {e.fileName}
          </Anchor>
          <Text size="xs" c="dimmed">
            {fileSize(e.sizeBytes)} · {f.dateTime(e.createdAt)}
          </Text>
          <Text
            size="xs"
            c="dimmed"
            ff="monospace"
            style={{ overflowWrap: 'anywhere' }}
            data-testid="sha256"
          >
            SHA-256 {e.sha256}
          </Text>
        </div>
      ))}
      {canAttach && result.id && (
        <FileInput
          size="xs"
          placeholder={t('plans:attachMore')}
          aria-label={t('plans:attachMore')}
          accept={EVIDENCE_CONTENT_TYPES.join(',')}
          value={null}
          onChange={(file) => file && result.id && attach.mutate({ resultId: result.id, file })}
          error={attach.error ? <ErrorAlert error={attach.error} /> : undefined}
          disabled={attach.isPending}
        />
      )}
    </Stack>
  );
}

const PERIOD_NOS: Record<'month' | 'quarter' | 'year', number[]> = {
  month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  quarter: [1, 2, 3, 4],
  year: [0],
};

function ResultForm({
  ind,
  fiscalYear,
  results,
}: {
  ind: IndicatorDetail;
  fiscalYear: number;
  results: Result[];
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [periodKind, setPeriodKind] = useState<'month' | 'quarter' | 'year'>('month');
  const [periodNo, setPeriodNo] = useState(1);
  const [value, setValue] = useState('');
  const [comment, setComment] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [saved, setSaved] = useState<Result | null>(null);
  const save = useSaveResult(ind.id);
  const existing = results.find(
    (r) => r.fiscalYear === fiscalYear && r.periodKind === periodKind && r.periodNo === periodNo,
  );
  const problem = file ? evidenceProblem(file, EVIDENCE_MAX_BYTES, EVIDENCE_CONTENT_TYPES) : null;
  const periodOptions = PERIOD_NOS[periodKind].map((n) => ({
    value: String(n),
    label: periodLabel({ periodKind, periodNo: n, fiscalYear }, f.lang),
  }));
  const submit = () => {
    setSaved(null);
    save.mutate(
      {
        fiscalYear,
        periodKind,
        periodNo,
        value: value.trim(),
        comment,
        version: existing?.version ?? undefined,
        file,
      },
      {
        onSuccess: (r) => {
          setSaved(r as Result);
          setValue('');
          setComment('');
          setFile(null);
        },
      },
    );
  };
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={(e) => (e.preventDefault(), submit())}
      data-testid="result-form"
    >
      <Title order={3} size="h4" mb="sm">
        {t('plans:enterResult', { year: fiscalYear })}
      </Title>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('plans:periodKind')}
            data={(['month', 'quarter', 'year'] as const).map((k) => ({
              value: k,
              label: t(`plans:periodKinds.${k}`),
            }))}
            value={periodKind}
            onChange={(v) => {
              if (!v) return;
              const k = v as 'month' | 'quarter' | 'year';
              setPeriodKind(k);
              setPeriodNo(PERIOD_NOS[k][0]!);
            }}
            allowDeselect={false}
          />
          <Select
            label={t('plans:period')}
            data={periodOptions}
            value={String(periodNo)}
            onChange={(v) => v && setPeriodNo(Number(v))}
            allowDeselect={false}
            disabled={periodKind === 'year'}
          />
          <TextInput
            label={t('plans:valueWithUnit', { unit: ind.unitOfMeasure })}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            required
            inputMode="decimal"
            description={existing ? t('plans:replacesValue', { value: existing.value }) : undefined}
          />
        </SimpleGrid>
        <Textarea
          label={t('plans:comment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <FileInput
          label={t('plans:evidenceFile')}
          description={t('plans:evidenceLimits', { size: fileSize(EVIDENCE_MAX_BYTES) })}
          placeholder={t('plans:chooseFile')}
          accept={EVIDENCE_CONTENT_TYPES.join(',')}
          value={file}
          onChange={setFile}
          clearable
          error={
            problem
              ? t(`plans:evidenceProblem.${problem}`, { size: fileSize(EVIDENCE_MAX_BYTES) })
              : undefined
          }
        />
        {save.error && <ErrorAlert error={save.error} />}
        {saved && (
          <Alert color="green" variant="light" data-testid="result-saved">
            <Group gap="xs">
              <Text size="sm">
                {t('plans:resultSaved', { period: periodLabel(saved, f.lang), value: saved.value })}
              </Text>
              <ScoreText score={saved.score} />
            </Group>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={!value.trim() || !!problem}>
            {t('plans:saveResult')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
