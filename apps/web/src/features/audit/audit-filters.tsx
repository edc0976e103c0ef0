import { Button, Group, Paper, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DayInput } from '../common/day-input';
import type { AuditFilters } from './api';

interface Props {
  value: AuditFilters;
  onChange: (f: AuditFilters) => void;
  users: { value: string; label: string }[];
  entities: string[];
}

export function AuditFilterBar({ value, onChange, users, entities }: Props) {
  const { t } = useTranslation();
  const set = (patch: AuditFilters) => onChange({ ...value, ...patch });
  const entityLabel = (e: string) => t(`audit:entities.${e}`, { defaultValue: e });
  return (
    <Paper withBorder p="md">
      <Group align="flex-start" gap="md" wrap="wrap">
        <Select
          label={t('audit:user')}
          placeholder={t('common.all')}
          data={users}
          value={value.userId ?? null}
          onChange={(v) => set({ userId: v ?? undefined })}
          searchable
          clearable
          w={{ base: '100%', sm: 220 }}
        />
        <Select
          label={t('audit:entity')}
          placeholder={t('common.all')}
          data={entities.map((e) => ({ value: e, label: entityLabel(e) }))}
          value={value.entity ?? null}
          onChange={(v) => set({ entity: v ?? undefined })}
          clearable
          w={{ base: '100%', sm: 220 }}
        />
        <DayInput
          label={t('audit:from')}
          value={value.from}
          onChange={(from) => set({ from })}
          w={{ base: '100%', sm: 190 }}
        />
        <DayInput
          label={t('audit:to')}
          value={value.to}
          onChange={(to) => set({ to })}
          w={{ base: '100%', sm: 190 }}
        />
        <Button
          variant="subtle"
          mt={{ base: 0, sm: 28 }}
          onClick={() => onChange({})}
          disabled={!value.userId && !value.entity && !value.from && !value.to}
        >
          {t('audit:clear')}
        </Button>
      </Group>
    </Paper>
  );
}
