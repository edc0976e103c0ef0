import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { decimalToSatang, formatBaht } from '@pbis/core';
import type { BudgetLine, Transfer, TransferStatus } from '@pbis/contract';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { fieldErrors } from '../../app/errors';
import { useFormat } from '../../app/format';
import { DayInput } from '../common/day-input';
import { EmptyRow } from '../common/empty-row';
import { ErrorAlert } from '../common/error-alert';
import { useNotice } from '../common/notice';
import { PageHeader } from '../common/page-header';
import {
  useEditTransfer,
  useLinesInScope,
  useRequestTransfer,
  useTransfer,
  useTransferAction,
  useTransferRules,
  useTransfers,
  type TransferAction,
} from './transfers-api';
import { TransferRulesEditor } from './transfer-rules-editor';
import { approverText, ruleText } from './transfer-words';

const YEARS = ['2566', '2565', '2564', '2563'];
const STATUSES: TransferStatus[] = ['requested', 'approved', 'rejected', 'cancelled'];
const STATUS_COLOR: Record<TransferStatus, string> = {
  requested: 'yellow',
  approved: 'teal',
  rejected: 'red',
  cancelled: 'gray',
};
const MAKERS = ['admin', 'budget_office', 'unit_officer'];
const DECIDERS = ['admin', 'budget_office', 'budget_analyst'];
const AMOUNT = /^\d{1,15}(\.\d{1,2})?$/;
const baht = (v: string) => formatBaht(decimalToSatang(v));

type Side = Transfer['from'];
const sideText = (t: TFunction, s: Side) =>
  `${s.unitCode} ${s.unitName} · ${s.project} (${t(`transfers:categories.${s.expenseCategory}`)})`;

/** The figures of a 422 insufficient_balance, in words (the alert says the reason itself). */
function Figures({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || error.reason !== 'insufficient_balance') return null;
  const lines = (error.details as { lines?: { requestedBaht: string; availableBaht: string }[] })
    .lines;
  const first = lines?.[0];
  if (!first) return null;
  return (
    <Text size="sm" c="red" data-testid="transfer-figures">
      {t('transfers:figures', {
        requested: baht(first.requestedBaht),
        available: baht(first.availableBaht),
      })}
    </Text>
  );
}

/** Transfers between budget lines: the list with status chips, a request form, the decisions. */
export function TransfersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const fmt = useFormat();
  const [year, setYear] = useState('2565');
  const [status, setStatus] = useState<TransferStatus | null>(null);
  const [awaitingMe, setAwaitingMe] = useState(false);
  const [requesting, setRequesting] = useState<{ editing: Transfer | null } | null>(null);
  const [acting, setActing] = useState<{ item: Transfer; action: TransferAction } | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const { notice, show } = useNotice();
  const fiscalYear = Number(year);
  const list = useTransfers({ fiscalYear, status, awaitingMe });
  const rules = useTransferRules();
  const mayRequest = MAKERS.includes(me.role);
  const mayDecide = DECIDERS.includes(me.role);
  const mayEditRules = me.role === 'admin' || me.role === 'budget_office';
  const [editingRules, setEditingRules] = useState(false);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('transfers:title')}
        intro={t('transfers:intro')}
        actions={
          mayRequest && (
            <Button onClick={() => setRequesting({ editing: null })} data-testid="new-transfer">
              {t('transfers:newRequest')}
            </Button>
          )
        }
      />
      <Anchor component={Link} to="/execution" size="sm">
        {t('transfers:backToExecution')}
      </Anchor>
      <Paper withBorder p="md">
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('transfers:fiscalYear')}
            data={YEARS}
            value={year}
            onChange={(v) => v && setYear(v)}
            allowDeselect={false}
            w={140}
          />
          <Select
            label={t('transfers:status')}
            placeholder={t('transfers:allStatuses')}
            data={STATUSES.map((s) => ({ value: s, label: t(`transfers:statuses.${s}`) }))}
            value={status}
            onChange={(v) => setStatus(v as TransferStatus | null)}
            clearable
            disabled={awaitingMe}
            w={200}
          />
          {mayDecide && (
            <Switch
              label={t('transfers:awaitingMe')}
              checked={awaitingMe}
              onChange={(e) => setAwaitingMe(e.currentTarget.checked)}
              mb={8}
              data-testid="awaiting-me"
            />
          )}
        </Group>
      </Paper>
      {notice && (
        <Text c="teal" role="status">
          {notice}
        </Text>
      )}
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.data && (
        <Table.ScrollContainer minWidth={1100}>
          <Table striped highlightOnHover data-testid="transfers">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('transfers:documentNo')}</Table.Th>
                <Table.Th>{t('transfers:date')}</Table.Th>
                <Table.Th>{t('transfers:from')}</Table.Th>
                <Table.Th>{t('transfers:to')}</Table.Th>
                <Table.Th ta="right">{t('transfers:amount')}</Table.Th>
                <Table.Th>{t('transfers:status')}</Table.Th>
                <Table.Th>{t('transfers:approver')}</Table.Th>
                <Table.Th>{t('transfers:maker')}</Table.Th>
                <Table.Th>{t('transfers:decider')}</Table.Th>
                <Table.Th>{t('transfers:actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.length === 0 && (
                <EmptyRow columns={10}>{t('transfers:noTransfers')}</EmptyRow>
              )}
              {list.data.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <Text size="sm">{item.documentNo}</Text>
                    {item.imported && (
                      <Text size="xs" c="dimmed">
                        {t('transfers:imported')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{fmt.day(item.date)}</Table.Td>
                  <Table.Td>{sideText(t, item.from)}</Table.Td>
                  <Table.Td>{sideText(t, item.to)}</Table.Td>
                  <Table.Td ta="right">{baht(item.amountBaht)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[item.status]} variant="light">
                      {t(`transfers:statuses.${item.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`roles.${item.approverRole}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{item.requestedBy?.name ?? t('common.none')}</Text>
                    <Text size="xs" c="dimmed">
                      {fmt.dateTime(item.requestedAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{item.decidedBy?.name ?? t('common.none')}</Text>
                    {item.decidedAt && (
                      <Text size="xs" c="dimmed">
                        {fmt.dateTime(item.decidedAt)}
                      </Text>
                    )}
                    {item.decisionNote && (
                      <Text size="xs" c="dimmed">
                        {item.decisionNote}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {item.mayDecide && (
                        <>
                          <Button
                            size="xs"
                            color="teal"
                            onClick={() => setActing({ item, action: 'approve' })}
                          >
                            {t('transfers:approve')}
                          </Button>
                          <Button
                            size="xs"
                            color="red"
                            variant="light"
                            onClick={() => setActing({ item, action: 'reject' })}
                          >
                            {t('transfers:reject')}
                          </Button>
                        </>
                      )}
                      {item.mayEdit && (
                        <>
                          <Button
                            size="xs"
                            variant="light"
                            onClick={() => setRequesting({ editing: item })}
                          >
                            {t('transfers:edit')}
                          </Button>
                          <Button
                            size="xs"
                            color="gray"
                            variant="light"
                            onClick={() => setActing({ item, action: 'cancel' })}
                          >
                            {t('transfers:cancel')}
                          </Button>
                        </>
                      )}
                      <Button size="xs" variant="subtle" onClick={() => setHistoryOf(item.id)}>
                        {t('transfers:history')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {rules.data && (
        <Paper withBorder p="md" data-testid="transfer-rules">
          <Group justify="space-between" mb="xs">
            <Title order={3} size="h5">
              {t('transfers:rulesTitle')}
              {rules.data.isDefault && (
                <Text span size="sm" c="dimmed" ml="sm">
                  ({t('transfers:rulesDefault')})
                </Text>
              )}
            </Title>
            {mayEditRules && (
              <Button size="xs" variant="light" onClick={() => setEditingRules(true)}>
                {t('transfers:editRules')}
              </Button>
            )}
          </Group>
          <Text size="xs" c="dimmed" mb={4}>
            {t('transfers:rulesHint')}
          </Text>
          <Stack gap={2}>
            {rules.data.rules.map((r, i) => (
              <Text size="sm" key={i}>
                {i + 1}. {ruleText(t, r.label)} → {approverText(t, r.approverRole)}
              </Text>
            ))}
          </Stack>
        </Paper>
      )}
      {requesting && (
        <RequestModal
          fiscalYear={fiscalYear}
          editing={requesting.editing}
          onClose={() => setRequesting(null)}
          onDone={(documentNo, approver) => {
            const edited = requesting.editing !== null;
            setRequesting(null);
            show(
              t(edited ? 'transfers:editedNotice' : 'transfers:requestedNotice', {
                documentNo,
                approver: approverText(t, approver),
              }),
            );
          }}
        />
      )}
      {acting && (
        <DecisionModal
          item={acting.item}
          action={acting.action}
          onClose={() => setActing(null)}
          onDone={() => {
            show(
              t(`transfers:decidedNotice.${acting.action}`, {
                documentNo: acting.item.documentNo,
              }),
            );
            setActing(null);
          }}
        />
      )}
      {editingRules && rules.data && (
        <TransferRulesEditor
          rules={rules.data.rules}
          onClose={() => setEditingRules(false)}
          onSaved={() => {
            setEditingRules(false);
            show(t('transfers:rulesSaved'));
          }}
        />
      )}
      {historyOf && <HistoryModal id={historyOf} onClose={() => setHistoryOf(null)} />}
    </Stack>
  );
}

function lineLabel(t: TFunction, l: BudgetLine): string {
  return `${l.unitCode} · ${l.project} (${t(`transfers:categories.${l.expenseCategory}`)})${
    l.expenseItem ? ` · ${l.expenseItem}` : ''
  } · ${t('transfers:availableShort', { amount: baht(l.availableBaht) })}`;
}

/** The request form: a new request, or the maker's edit of a requested one (`editing`). */
function RequestModal({
  fiscalYear,
  editing,
  onClose,
  onDone,
}: {
  fiscalYear: number;
  editing: Transfer | null;
  onClose: () => void;
  onDone: (documentNo: string, approverRole: string) => void;
}) {
  const { t } = useTranslation();
  const lines = useLinesInScope(editing?.fiscalYear ?? fiscalYear, true);
  const create = useRequestTransfer();
  const edit = useEditTransfer();
  const send = editing ? edit : create;
  const [fromLineId, setFrom] = useState<string | null>(editing?.from.lineId ?? null);
  const [toLineId, setTo] = useState<string | null>(editing?.to.lineId ?? null);
  const [amount, setAmount] = useState(editing?.amountBaht ?? '');
  const [reason, setReason] = useState(editing?.reason ?? '');
  const [date, setDate] = useState<string | undefined>(editing?.date);
  const [tried, setTried] = useState(false);
  const items = lines.data?.items ?? [];
  const from = items.find((l) => l.id === fromLineId);
  const options = items.map((l) => ({ value: l.id, label: lineLabel(t, l) }));
  const serverFields = fieldErrors(send.error, t);
  const amountOk = AMOUNT.test(amount.trim()) && decimalToSatang(amount.trim()) > 0n;
  const missing = (v: unknown) => (tried && !v ? t('transfers:required') : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!fromLineId || !toLineId || !amountOk || !reason.trim() || !date) return;
    const body = { fromLineId, toLineId, amount: amount.trim(), reason, date };
    try {
      const made = editing
        ? await edit.mutateAsync({ id: editing.id, version: editing.version, ...body })
        : await create.mutateAsync(body);
      onDone(made.documentNo, made.approverRole);
    } catch {
      // send.error is shown
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={
        editing
          ? t('transfers:editTitle', { documentNo: editing.documentNo })
          : t('transfers:newRequest')
      }
      size="lg"
    >
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="transfer-form">
        <Stack gap="sm">
          {lines.error && <ErrorAlert error={lines.error} />}
          <Select
            label={t('transfers:fromLine')}
            placeholder={t('transfers:pickLine')}
            data={options}
            value={fromLineId}
            onChange={setFrom}
            searchable
            description={from && t('transfers:givable', { amount: baht(from.availableBaht) })}
            error={missing(fromLineId) ?? serverFields.fromLineId}
            data-testid="transfer-from"
          />
          <Select
            label={t('transfers:toLine')}
            placeholder={t('transfers:pickLine')}
            data={options.filter((o) => o.value !== fromLineId)}
            value={toLineId}
            onChange={setTo}
            searchable
            error={missing(toLineId) ?? serverFields.toLineId}
            data-testid="transfer-to"
          />
          <TextInput
            label={t('transfers:amount')}
            description={t('transfers:amountHint')}
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={tried && !amountOk ? t('transfers:amountInvalid') : serverFields.amount}
            data-testid="transfer-amount"
          />
          <Textarea
            label={t('transfers:reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
            error={missing(reason.trim()) ?? serverFields.reason}
            data-testid="transfer-reason"
          />
          <DayInput label={t('transfers:date')} value={date} onChange={setDate} />
          {tried && !date && (
            <Text size="sm" c="red">
              {t('transfers:required')}
            </Text>
          )}
          <ErrorAlert error={send.error} />
          <Figures error={send.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={send.isPending}>
              {t('transfers:submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DecisionModal({
  item,
  action,
  onClose,
  onDone,
}: {
  item: Transfer;
  action: TransferAction;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const act = useTransferAction();
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const needsNote = action === 'reject';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (needsNote && !note.trim()) return;
    try {
      await act.mutateAsync({ id: item.id, action, version: item.version, note });
      onDone();
    } catch {
      // act.error is shown
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t(`transfers:confirmTitle.${action}`, { documentNo: item.documentNo })}
      size="lg"
    >
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="transfer-decision">
        <Stack gap="sm">
          <Text size="sm">
            {t('transfers:confirmText', {
              amount: baht(item.amountBaht),
              from: sideText(t, item.from),
              to: sideText(t, item.to),
            })}
          </Text>
          <Text size="sm" c="dimmed">
            {item.reason}
          </Text>
          {item.rules.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('transfers:ruleMatched', {
                rules: item.rules.map((r) => ruleText(t, r)).join('; '),
              })}
            </Text>
          )}
          <Textarea
            label={needsNote ? t('transfers:noteRequired') : t('transfers:note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            error={tried && needsNote && !note.trim() ? t('transfers:required') : undefined}
          />
          <ErrorAlert error={act.error} />
          <Figures error={act.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('transfers:close')}
            </Button>
            <Button
              type="submit"
              color={action === 'approve' ? 'teal' : action === 'reject' ? 'red' : 'gray'}
              loading={act.isPending}
            >
              {t(`transfers:${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function HistoryModal({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const one = useTransfer(id);
  const value = (field: string, v: string | null) => {
    if (v === null || v === '') return t('common.none');
    if (field === 'status') return t(`transfers:statuses.${v}`, { defaultValue: v });
    if (field === 'approverRole') return approverText(t, v);
    if (field === 'amountBaht') return baht(v);
    if (field === 'date') return fmt.day(v);
    if (field === 'rules')
      return v
        .split('; ')
        .map((r) => ruleText(t, r))
        .join('; ');
    return v;
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={one.data && t('transfers:historyTitle', { documentNo: one.data.documentNo })}
      size="xl"
    >
      {one.error && <ErrorAlert error={one.error} />}
      {one.isPending && <Loader aria-label={t('common.loading')} />}
      {one.data && (
        <Stack gap="sm" data-testid="transfer-history">
          {one.data.history.map((h, i) => (
            <Paper withBorder p="sm" key={i}>
              <Group justify="space-between">
                <Text fw={600} size="sm">
                  {t(`transfers:historyActions.${h.action}`, { defaultValue: h.action })}
                  {h.version !== null && ` · ${t('transfers:version', { version: h.version })}`}
                </Text>
                <Text size="xs" c="dimmed">
                  {h.username ?? t('common.none')} · {fmt.dateTime(h.at)}
                </Text>
              </Group>
              <Table mt="xs">
                <Table.Tbody>
                  {h.changes.map((c) => (
                    <Table.Tr key={c.field}>
                      <Table.Td w="25%">
                        {t(`transfers:fields.${c.field}`, { defaultValue: c.field })}
                      </Table.Td>
                      <Table.Td c="dimmed">
                        {h.action === 'create' ? '' : value(c.field, c.before)}
                      </Table.Td>
                      <Table.Td>{value(c.field, c.after)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          ))}
        </Stack>
      )}
    </Modal>
  );
}
