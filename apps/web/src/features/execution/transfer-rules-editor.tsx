import { ActionIcon, Button, Group, Modal, Select, Stack, Table, TextInput } from '@mantine/core';
import type { TransferRuleDto, TransferRulesBody } from '@pbis/contract';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/error-alert';
import { useSetTransferRules } from './transfers-api';
import { ruleText } from './transfer-words';

const CATEGORIES = ['personnel', 'operating', 'capital', 'subsidy', 'other', 'central'] as const;
type Category = (typeof CATEGORIES)[number];
const ANY = 'any';

interface Row {
  key: number;
  fromCategory: Category | null;
  toCategory: Category | null;
  crossUnit: boolean | null;
  minAmount: string;
  approverRole: 'budget_analyst' | 'budget_office';
  label: string;
}

let keys = 0;
const rowOf = (r: TransferRuleDto, label = r.label): Row => ({
  key: ++keys,
  fromCategory: r.fromCategory,
  toCategory: r.toCategory,
  crossUnit: r.crossUnit,
  minAmount: r.minAmount ?? '',
  approverRole: r.approverRole,
  label,
});

/** The Budget Office edits the transfer approval rules: conditions, approver, label, in order. */
export function TransferRulesEditor({
  rules,
  onClose,
  onSaved,
}: {
  rules: TransferRuleDto[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const save = useSetTransferRules();
  // The default rules' labels are shown (and saved) in the page's language.
  const [rows, setRows] = useState<Row[]>(() => rules.map((r) => rowOf(r, ruleText(t, r.label))));
  const set = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const move = (i: number, d: -1 | 1) =>
    setRows((rs) => {
      const out = [...rs];
      const [r] = out.splice(i, 1);
      out.splice(i + d, 0, r!);
      return out;
    });
  const categories = [
    { value: ANY, label: t('transfers:ruleAny') },
    ...CATEGORIES.map((c) => ({ value: c, label: t(`transfers:categories.${c}`) })),
  ];

  const submit = async (body: TransferRulesBody) => {
    try {
      await save.mutateAsync(body);
      onSaved();
    } catch {
      // save.error is shown
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit({
      rules: rows.map((r) => ({
        fromCategory: r.fromCategory,
        toCategory: r.toCategory,
        crossUnit: r.crossUnit,
        minAmount: r.minAmount.trim() || null,
        approverRole: r.approverRole,
        label: r.label,
      })),
    });
  };

  return (
    <Modal opened onClose={onClose} title={t('transfers:rulesTitle')} size="100%">
      <form onSubmit={onSubmit} noValidate data-testid="transfer-rules-editor">
        <Stack gap="sm">
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('transfers:ruleFrom')}</Table.Th>
                <Table.Th>{t('transfers:ruleTo')}</Table.Th>
                <Table.Th>{t('transfers:ruleCrossUnit')}</Table.Th>
                <Table.Th>{t('transfers:ruleMinAmount')}</Table.Th>
                <Table.Th>{t('transfers:approver')}</Table.Th>
                <Table.Th>{t('transfers:ruleLabel')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                <Table.Tr key={r.key}>
                  <Table.Td>
                    <Select
                      aria-label={t('transfers:ruleFrom')}
                      data={categories}
                      value={r.fromCategory ?? ANY}
                      onChange={(v) =>
                        set(r.key, { fromCategory: v && v !== ANY ? (v as Category) : null })
                      }
                      allowDeselect={false}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('transfers:ruleTo')}
                      data={categories}
                      value={r.toCategory ?? ANY}
                      onChange={(v) =>
                        set(r.key, { toCategory: v && v !== ANY ? (v as Category) : null })
                      }
                      allowDeselect={false}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('transfers:ruleCrossUnit')}
                      data={[
                        { value: ANY, label: t('transfers:ruleAny') },
                        { value: 'yes', label: t('transfers:ruleCrossYes') },
                        { value: 'no', label: t('transfers:ruleCrossNo') },
                      ]}
                      value={r.crossUnit === null ? ANY : r.crossUnit ? 'yes' : 'no'}
                      onChange={(v) =>
                        set(r.key, { crossUnit: v === 'yes' ? true : v === 'no' ? false : null })
                      }
                      allowDeselect={false}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('transfers:ruleMinAmount')}
                      inputMode="decimal"
                      value={r.minAmount}
                      onChange={(e) => set(r.key, { minAmount: e.currentTarget.value })}
                      w={140}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('transfers:approver')}
                      data={(['budget_analyst', 'budget_office'] as const).map((role) => ({
                        value: role,
                        label: t(`roles.${role}`),
                      }))}
                      value={r.approverRole}
                      onChange={(v) =>
                        v && set(r.key, { approverRole: v as 'budget_analyst' | 'budget_office' })
                      }
                      allowDeselect={false}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('transfers:ruleLabel')}
                      value={r.label}
                      onChange={(e) => set(r.key, { label: e.currentTarget.value })}
                      miw={220}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('transfers:ruleUp')}
                        disabled={i === 0}
                        onClick={() => move(i, -1)}
                      >
                        ↑
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('transfers:ruleDown')}
                        disabled={i === rows.length - 1}
                        onClick={() => move(i, 1)}
                      >
                        ↓
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('transfers:ruleRemove')}
                        onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                      >
                        ×
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group>
            <Button
              variant="light"
              onClick={() =>
                setRows((rs) => [
                  ...rs,
                  rowOf({
                    fromCategory: null,
                    toCategory: null,
                    crossUnit: null,
                    minAmount: null,
                    approverRole: 'budget_office',
                    label: '',
                  }),
                ])
              }
            >
              {t('transfers:ruleAdd')}
            </Button>
            <Button variant="subtle" color="gray" onClick={() => void submit({ rules: [] })}>
              {t('transfers:ruleRestoreDefaults')}
            </Button>
          </Group>
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
