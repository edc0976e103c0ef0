import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { decimalToSatang, fiscalYearOf, formatBaht } from '@pbis/core';
import type { CarriedLine, CarryOver, YearEndLine } from '@pbis/contract';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { useFormat } from '../../app/format';
import { DayInput } from '../common/day-input';
import { EmptyRow } from '../common/empty-row';
import { ErrorAlert } from '../common/error-alert';
import { useNotice } from '../common/notice';
import { PageHeader } from '../common/page-header';
import { useFiscalYears } from '../periods/api';
import {
  useCarriedLines,
  useCarryOvers,
  useCloseYear,
  useDecideCarryOver,
  useExtendDeadline,
  useLapseExpired,
  useRequestCarryOver,
  useYearEndPreview,
} from './year-end-api';

const baht = (v: string) => formatBaht(decimalToSatang(v));
const OFFICE = ['admin', 'budget_office'];
const REQUESTERS = ['admin', 'budget_office', 'unit_officer'];

type Decision = { c: CarryOver; approve: boolean } | null;

/** ปิดปีงบประมาณ: the lapse preview, carry-over requests, closing, and the carried lines. */
export function YearEndPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const office = OFFICE.includes(me.role);
  const years = useFiscalYears();
  const list = (years.data?.items ?? []).map((y) => y.year).sort((a, b) => b - a);
  const [picked, setPicked] = useState<number | null>(null);
  const current = fiscalYearOf(new Date());
  const year = picked ?? list.find((y) => y < current) ?? list[0] ?? current - 1;
  const [unitId, setUnitId] = useState<string | null>(null);
  const preview = useYearEndPreview(year, unitId);
  const everything = useYearEndPreview(year, null);
  const requests = useCarryOvers(year);
  const carried = useCarriedLines(year + 1);
  const { notice, show, clear } = useNotice();

  const [requesting, setRequesting] = useState<YearEndLine | null>(null);
  const [deciding, setDeciding] = useState<Decision>(null);
  const [closing, setClosing] = useState(false);
  const [extending, setExtending] = useState<CarriedLine | null>(null);
  const lapse = useLapseExpired();

  const units = new Map(
    (everything.data?.lines ?? []).map((l) => [l.unitId, `${l.unitCode} ${l.unitName}`]),
  );
  const p = preview.data;
  const requestOf = (lineId: string) =>
    requests.data?.items.find((c) => c.lineId === lineId && c.kind === 'without_obligation');

  return (
    <Stack gap="md">
      <PageHeader
        title={t('yearEnd:title')}
        intro={t('yearEnd:intro')}
        actions={
          <Group align="end">
            <Select
              label={t('yearEnd:fiscalYear')}
              data={list.map(String)}
              value={String(year)}
              onChange={(v) => v && setPicked(Number(v))}
              allowDeselect={false}
              w={140}
            />
            <Select
              label={t('yearEnd:unit')}
              placeholder={t('yearEnd:allUnits')}
              data={[...units].map(([value, label]) => ({ value, label }))}
              value={unitId}
              onChange={setUnitId}
              clearable
              searchable
              w={320}
            />
          </Group>
        }
      />
      {notice && (
        <Alert color="teal" role="status">
          {notice}
        </Alert>
      )}
      {preview.error && <ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} />}

      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Group>
            <Title order={3} size="h4">
              {p?.closed
                ? t('yearEnd:previewTitleClosed', { year })
                : t('yearEnd:previewTitle', { year })}
            </Title>
            {p && (
              <Badge color={p.closed ? 'gray' : 'teal'} variant="light">
                {p.closed ? t('yearEnd:closedBadge') : t('yearEnd:openBadge')}
              </Badge>
            )}
          </Group>
          {p && office && !p.closed && (
            <Button color="red" onClick={() => setClosing(true)} data-testid="close-year">
              {t('yearEnd:close', { year })}
            </Button>
          )}
        </Group>
        {!p ? (
          <Loader />
        ) : (
          <>
            <Group gap="xl" mb="sm">
              <Figure label={t('yearEnd:unpaid')} value={baht(p.totals.unpaidBaht)} />
              <Figure
                label={t('yearEnd:withObligation')}
                value={baht(p.totals.withObligationBaht)}
              />
              <Figure
                label={t('yearEnd:withoutApproved')}
                value={baht(p.totals.withoutObligationApprovedBaht)}
              />
              <Figure label={t('yearEnd:lapse')} value={baht(p.totals.lapseBaht)} />
              <Figure label={t('yearEnd:deadline')} value={fmt.day(p.carryDeadline)} />
              {p.closedAt && (
                <Figure label={t('yearEnd:closedBadge')} value={fmt.dateTime(p.closedAt)} />
              )}
            </Group>
            <Table.ScrollContainer minWidth={1100}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('yearEnd:unit')}</Table.Th>
                    <Table.Th>{t('yearEnd:project')}</Table.Th>
                    <Table.Th>{t('yearEnd:category')}</Table.Th>
                    <Table.Th ta="right">{t('yearEnd:revised')}</Table.Th>
                    <Table.Th ta="right">{t('yearEnd:disbursed')}</Table.Th>
                    <Table.Th ta="right">{t('yearEnd:withObligation')}</Table.Th>
                    <Table.Th ta="right">{t('yearEnd:withoutApproved')}</Table.Th>
                    <Table.Th ta="right">{t('yearEnd:withoutRequested')}</Table.Th>
                    <Table.Th ta="right">{t('yearEnd:lapse')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.lines.length === 0 && <EmptyRow columns={10}>{t('yearEnd:noLines')}</EmptyRow>}
                  {p.lines.map((l) => (
                    <Table.Tr key={l.lineId}>
                      <Table.Td>{l.unitCode}</Table.Td>
                      <Table.Td>{l.project}</Table.Td>
                      <Table.Td>{t(`yearEnd:categories.${l.expenseCategory}`)}</Table.Td>
                      <Table.Td ta="right">{baht(l.revisedBaht)}</Table.Td>
                      <Table.Td ta="right">{baht(l.disbursedBaht)}</Table.Td>
                      <Table.Td ta="right">{baht(l.withObligationBaht)}</Table.Td>
                      <Table.Td ta="right">
                        {baht(l.withoutObligationApprovedBaht)}
                        {l.exceedsRemainder && (
                          <Badge color="red" ml="xs" size="xs">
                            {t('yearEnd:exceeds')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{baht(l.withoutObligationRequestedBaht)}</Table.Td>
                      <Table.Td ta="right" fw={600}>
                        {baht(l.lapseBaht)}
                      </Table.Td>
                      <Table.Td>
                        {!p.closed &&
                          REQUESTERS.includes(me.role) &&
                          decimalToSatang(l.remainderBaht) > 0n && (
                            <Button size="xs" variant="light" onClick={() => setRequesting(l)}>
                              {t('yearEnd:request')}
                            </Button>
                          )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                {p.lines.length > 0 && (
                  <Table.Tfoot>
                    <Table.Tr fw={700}>
                      <Table.Td colSpan={3}>{t('yearEnd:total')}</Table.Td>
                      <Table.Td ta="right">{baht(p.totals.revisedBaht)}</Table.Td>
                      <Table.Td ta="right">{baht(p.totals.disbursedBaht)}</Table.Td>
                      <Table.Td ta="right">{baht(p.totals.withObligationBaht)}</Table.Td>
                      <Table.Td ta="right">{baht(p.totals.withoutObligationApprovedBaht)}</Table.Td>
                      <Table.Td ta="right">
                        {baht(p.totals.withoutObligationRequestedBaht)}
                      </Table.Td>
                      <Table.Td ta="right">{baht(p.totals.lapseBaht)}</Table.Td>
                      <Table.Td />
                    </Table.Tr>
                  </Table.Tfoot>
                )}
              </Table>
            </Table.ScrollContainer>
            {p.laterYears.length > 0 && (
              <>
                <Title order={4} size="h5" mt="md" mb="xs">
                  {t('yearEnd:laterYearsTitle')}
                </Title>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('yearEnd:obligationNo')}</Table.Th>
                      <Table.Th>{t('yearEnd:unit')}</Table.Th>
                      <Table.Th>{t('yearEnd:project')}</Table.Th>
                      <Table.Th ta="right">{t('yearEnd:amount')}</Table.Th>
                      <Table.Th>{t('yearEnd:status')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {p.laterYears.map((l) => (
                      <Table.Tr key={`${l.obligationNo}-${l.fromLineId}`}>
                        <Table.Td>{l.obligationNo}</Table.Td>
                        <Table.Td>{l.unitCode}</Table.Td>
                        <Table.Td>{l.project}</Table.Td>
                        <Table.Td ta="right">{baht(l.amountBaht)}</Table.Td>
                        <Table.Td>
                          {l.posted
                            ? t('yearEnd:posted')
                            : l.toLineId
                              ? t('yearEnd:notPosted')
                              : t('yearEnd:noNextLine')}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            )}
          </>
        )}
      </Paper>

      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          {t('yearEnd:requestsTitle')}
        </Title>
        {requests.error && <ErrorAlert error={requests.error} />}
        <Table.ScrollContainer minWidth={900}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('yearEnd:unit')}</Table.Th>
                <Table.Th>{t('yearEnd:project')}</Table.Th>
                <Table.Th>{t('yearEnd:kind')}</Table.Th>
                <Table.Th ta="right">{t('yearEnd:amount')}</Table.Th>
                <Table.Th>{t('yearEnd:reason')}</Table.Th>
                <Table.Th>{t('yearEnd:status')}</Table.Th>
                <Table.Th>{t('yearEnd:requestedBy')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requests.data?.items.length === 0 && (
                <EmptyRow columns={8}>{t('yearEnd:noRequests')}</EmptyRow>
              )}
              {requests.data?.items
                .filter((c) => !unitId || c.unitId === unitId)
                .map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.unitCode}</Table.Td>
                    <Table.Td>{c.project}</Table.Td>
                    <Table.Td>{t(`yearEnd:kinds.${c.kind}`)}</Table.Td>
                    <Table.Td ta="right">{baht(c.amountBaht)}</Table.Td>
                    <Table.Td>
                      {c.reason}
                      {c.reference && (
                        <Text size="xs" c="dimmed">
                          {t('yearEnd:reference')}: {c.reference}
                        </Text>
                      )}
                      {c.decisionNote && (
                        <Text size="xs" c="dimmed">
                          {t('yearEnd:note')}: {c.decisionNote}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={
                          c.status === 'approved'
                            ? 'teal'
                            : c.status === 'rejected'
                              ? 'red'
                              : 'yellow'
                        }
                      >
                        {t(`yearEnd:statuses.${c.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{c.requestedBy ?? ''}</Table.Td>
                    <Table.Td>
                      {office && c.status === 'requested' && !p?.closed && (
                        <Group gap="xs" wrap="nowrap">
                          <Tooltip
                            label={t('yearEnd:ownRequest')}
                            disabled={c.requestedBy !== me.username}
                          >
                            <Button
                              size="xs"
                              color="teal"
                              disabled={c.requestedBy === me.username}
                              onClick={() => setDeciding({ c, approve: true })}
                            >
                              {t('yearEnd:approve')}
                            </Button>
                          </Tooltip>
                          <Button
                            size="xs"
                            color="red"
                            variant="light"
                            onClick={() => setDeciding({ c, approve: false })}
                          >
                            {t('yearEnd:reject')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4">
            {t('yearEnd:carriedTitle', { year: year + 1 })}
          </Title>
          {office && (carried.data?.items.length ?? 0) > 0 && (
            <Button
              variant="light"
              color="orange"
              loading={lapse.isPending}
              onClick={() => {
                clear();
                void lapse.mutateAsync(carried.data!.asOf).then(
                  (r) =>
                    show(t('yearEnd:lapsedNotice', { lines: r.lines, amount: baht(r.lapsedBaht) })),
                  () => undefined,
                );
              }}
            >
              {t('yearEnd:lapseExpired')}
            </Button>
          )}
        </Group>
        {lapse.error && <ErrorAlert error={lapse.error} />}
        {carried.error && <ErrorAlert error={carried.error} />}
        <Table.ScrollContainer minWidth={900}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('yearEnd:unit')}</Table.Th>
                <Table.Th>{t('yearEnd:project')}</Table.Th>
                <Table.Th ta="right">{t('yearEnd:carried')}</Table.Th>
                <Table.Th ta="right">{t('yearEnd:disbursed')}</Table.Th>
                <Table.Th ta="right">{t('yearEnd:available')}</Table.Th>
                <Table.Th>{t('yearEnd:deadline')}</Table.Th>
                <Table.Th>{t('yearEnd:state')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {carried.data?.items.length === 0 && (
                <EmptyRow columns={8}>{t('yearEnd:noCarried')}</EmptyRow>
              )}
              {carried.data?.items
                .filter((c) => !unitId || c.unitId === unitId)
                .map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.unitCode}</Table.Td>
                    <Table.Td>{c.project}</Table.Td>
                    <Table.Td ta="right">{baht(c.enactedBaht)}</Table.Td>
                    <Table.Td ta="right">{baht(c.disbursedBaht)}</Table.Td>
                    <Table.Td ta="right">{baht(c.availableBaht)}</Table.Td>
                    <Table.Td>
                      {fmt.day(c.carryDeadline)}
                      {c.extensionReason && (
                        <Text size="xs" c="dimmed">
                          {t('yearEnd:extended', { reason: c.extensionReason })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={c.state === 'open' ? 'teal' : c.state === 'lapsed' ? 'gray' : 'red'}
                      >
                        {t(`yearEnd:states.${c.state}`)}
                      </Badge>
                      {c.state === 'lapsed' && (
                        <Text size="xs" c="dimmed">
                          {t('yearEnd:lapse')} {baht(c.lapsedBaht)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {office && c.state !== 'lapsed' && (
                        <Button size="xs" variant="light" onClick={() => setExtending(c)}>
                          {t('yearEnd:extend')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      {requesting && (
        <RequestModal
          line={requesting}
          version={requestOf(requesting.lineId)?.version}
          onClose={() => setRequesting(null)}
          onDone={() => {
            setRequesting(null);
            show(t('yearEnd:savedNotice'));
          }}
        />
      )}
      {deciding && (
        <DecideModal
          decision={deciding}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            show(t('yearEnd:savedNotice'));
          }}
        />
      )}
      {closing && p && (
        <CloseModal
          year={year}
          figures={p}
          onClose={() => setClosing(false)}
          onDone={(lines) => {
            setClosing(false);
            show(t('yearEnd:closedNotice', { year, lines }));
          }}
        />
      )}
      {extending && (
        <ExtendModal
          line={extending}
          onClose={() => setExtending(null)}
          onDone={() => {
            setExtending(null);
            show(t('yearEnd:savedNotice'));
          }}
        />
      )}
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </Stack>
  );
}

function RequestModal(props: {
  line: YearEndLine;
  version: number | undefined;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const request = useRequestCarryOver();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const { line } = props;
  return (
    <Modal opened onClose={props.onClose} title={t('yearEnd:requestTitle')}>
      <Stack>
        <Text size="sm">
          {t('yearEnd:requestIntro', {
            project: line.project,
            remainder: baht(line.remainderBaht),
          })}
        </Text>
        <TextInput
          label={t('yearEnd:amount')}
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          inputMode="decimal"
        />
        <Textarea
          label={t('yearEnd:reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        {request.error && <ErrorAlert error={request.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('yearEnd:cancel')}
          </Button>
          <Button
            loading={request.isPending}
            disabled={!amount.trim() || !reason.trim()}
            onClick={() =>
              void request
                .mutateAsync({
                  lineId: line.lineId,
                  amount: amount.trim().replace(/,/g, ''),
                  reason: reason.trim(),
                  ...(props.version !== undefined && { version: props.version }),
                })
                .then(props.onDone, () => undefined)
            }
          >
            {t('yearEnd:submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function DecideModal(props: {
  decision: NonNullable<Decision>;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const decide = useDecideCarryOver();
  const [text, setText] = useState('');
  const { c, approve } = props.decision;
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t(approve ? 'yearEnd:approveTitle' : 'yearEnd:rejectTitle', {
        amount: baht(c.amountBaht),
      })}
    >
      <Stack>
        <Text size="sm">
          {c.unitCode} {c.project}: {c.reason}
        </Text>
        <TextInput
          label={approve ? t('yearEnd:reference') : t('yearEnd:note')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        {decide.error && <ErrorAlert error={decide.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('yearEnd:cancel')}
          </Button>
          <Button
            color={approve ? 'teal' : 'red'}
            loading={decide.isPending}
            disabled={!text.trim()}
            onClick={() =>
              void decide
                .mutateAsync({
                  id: c.id,
                  version: c.version,
                  approve,
                  reference: text.trim(),
                  note: text.trim(),
                })
                .then(props.onDone, () => undefined)
            }
          >
            {approve ? t('yearEnd:approve') : t('yearEnd:reject')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function CloseModal(props: {
  year: number;
  figures: { totals: YearEndTotals; carryDeadline: string; pendingRequests: number };
  onClose: () => void;
  onDone: (lines: number) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const close = useCloseYear();
  const { totals, carryDeadline, pendingRequests } = props.figures;
  return (
    <Modal opened onClose={props.onClose} title={t('yearEnd:closeTitle', { year: props.year })}>
      <Stack>
        <Text size="sm">{t('yearEnd:closeBody', { year: props.year, next: props.year + 1 })}</Text>
        <Table>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>{t('yearEnd:withObligation')}</Table.Td>
              <Table.Td ta="right">{baht(totals.withObligationBaht)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{t('yearEnd:withoutApproved')}</Table.Td>
              <Table.Td ta="right">{baht(totals.withoutObligationApprovedBaht)}</Table.Td>
            </Table.Tr>
            <Table.Tr fw={700}>
              <Table.Td>{t('yearEnd:lapse')}</Table.Td>
              <Table.Td ta="right">{baht(totals.lapseBaht)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Text size="sm">{t('yearEnd:closeDeadline', { date: fmt.day(carryDeadline) })}</Text>
        {pendingRequests > 0 && (
          <Alert color="yellow">{t('yearEnd:closePending', { count: pendingRequests })}</Alert>
        )}
        {close.error && <ErrorAlert error={close.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('yearEnd:cancel')}
          </Button>
          <Button
            color="red"
            loading={close.isPending}
            disabled={pendingRequests > 0}
            data-testid="confirm-close-year"
            onClick={() =>
              void close.mutateAsync(props.year).then(
                (r) => props.onDone(r.linesCarried),
                () => undefined,
              )
            }
          >
            {t('yearEnd:closeConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

type YearEndTotals = {
  withObligationBaht: string;
  withoutObligationApprovedBaht: string;
  lapseBaht: string;
};

function ExtendModal(props: { line: CarriedLine; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const extend = useExtendDeadline();
  const [deadline, setDeadline] = useState<string | undefined>(undefined);
  const [reason, setReason] = useState('');
  return (
    <Modal opened onClose={props.onClose} title={t('yearEnd:extendTitle')}>
      <Stack>
        <Text size="sm">
          {props.line.unitCode} {props.line.project}
        </Text>
        <DayInput label={t('yearEnd:newDeadline')} value={deadline} onChange={setDeadline} />
        <Textarea
          label={t('yearEnd:reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        {extend.error && <ErrorAlert error={extend.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('yearEnd:cancel')}
          </Button>
          <Button
            loading={extend.isPending}
            disabled={!deadline || !reason.trim()}
            onClick={() =>
              void extend
                .mutateAsync({
                  id: props.line.id,
                  deadline: deadline!,
                  reason: reason.trim(),
                  version: props.line.version,
                })
                .then(props.onDone, () => undefined)
            }
          >
            {t('yearEnd:extend')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
