import {
  Button,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { forgivingSearcher } from '@pbis/core';
import type { Unit, UnitKind, UnitSort } from '@pbis/contract';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canEditUnits } from '../../app/access';
import { useMe } from '../../app/auth';
import { ErrorAlert } from '../common/error-alert';
import { PageHeader } from '../common/page-header';
import { useNotice } from '../common/notice';
import { useUnits } from './api';
import { UnitFormModal } from './unit-form-modal';
import { useUnitOptions } from './unit-options';
import type { UnitSearch } from './unit-search';
import { UnitsTable } from './units-table';

/** The texts a unit is found by: code, Thai name, English name. */
const unitTexts = (u: Unit) => [u.code, u.nameTh, u.nameEn];

export function UnitsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const search = useSearch({ strict: false }) as UnitSearch;
  const navigate = useNavigate();
  const options = useUnitOptions();
  const units = useUnits(search);
  const { notice, show } = useNotice();
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);

  const [text, setText] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 150);
  const setSearch = (patch: Partial<UnitSearch>) =>
    void navigate({ to: '/units', search: { ...search, ...patch }, replace: true });

  useEffect(() => {
    if ((debounced || undefined) !== search.q)
      void navigate({
        to: '/units',
        search: { ...search, q: debounced || undefined },
        replace: true,
      });
  }, [debounced, search, navigate]);

  // Forgiving search over the units in scope: ป้อม without its tone mark, กทม, one letter off.
  const items = units.data?.items;
  const searcher = useMemo(() => forgivingSearcher(items ?? [], unitTexts), [items]);
  const hits = useMemo(() => (search.q ? searcher(search.q) : null), [searcher, search.q]);
  const shown = hits ? hits.map((h) => h.item) : (items ?? []);
  const onlyClose = hits !== null && hits.length > 0 && hits.every((h) => h.tier === 'near');

  const sort = search.sort ?? 'nameTh';
  const order = search.order ?? 'asc';
  const onSort = (col: UnitSort) =>
    setSearch({ sort: col, order: col === sort && order === 'asc' ? 'desc' : 'asc' });
  const editable = canEditUnits(me.role);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('units:title')}
        actions={editable && <Button onClick={() => setEditing('new')}>{t('units:create')}</Button>}
      />
      <Paper withBorder p="md">
        <Group align="flex-end" gap="md" wrap="wrap">
          <TextInput
            label={t('units:search')}
            placeholder={t('units:searchPlaceholder')}
            description={t('units:searchHint')}
            type="search"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            w={{ base: '100%', sm: 320 }}
          />
          <Select
            label={t('units:kind')}
            placeholder={t('common.all')}
            data={options.kinds}
            value={search.kind ?? null}
            onChange={(v) => setSearch({ kind: (v as UnitKind | null) ?? undefined })}
            clearable
            w={{ base: '100%', sm: 220 }}
          />
          <Select
            label={t('units:division')}
            placeholder={t('common.all')}
            data={options.divisions}
            value={search.division ? String(search.division) : null}
            onChange={(v) => setSearch({ division: v ? Number(v) : undefined })}
            clearable
            w={{ base: '100%', sm: 240 }}
          />
          <Switch
            label={t('units:includeInactive')}
            checked={search.inactive ?? false}
            onChange={(e) => setSearch({ inactive: e.currentTarget.checked || undefined })}
            mb={8}
          />
        </Group>
      </Paper>
      <Group justify="space-between" mih={28}>
        <Text c="dimmed" size="sm" role="status" aria-live="polite" data-testid="units-total">
          {units.data
            ? hits
              ? t('units:found', { count: shown.length, total: units.data.total })
              : t('units:total', { count: units.data.total })
            : ''}
          {onlyClose && ` · ${t('units:closeMatches', { q: search.q })}`}
        </Text>
        {units.isFetching && <Loader size="xs" aria-label={t('common.loading')} />}
        {notice && (
          <Text c="teal" size="sm" role="status">
            {notice}
          </Text>
        )}
      </Group>
      {units.isError && <ErrorAlert error={units.error} onRetry={() => void units.refetch()} />}
      {units.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : (
        units.data && (
          <UnitsTable
            units={shown}
            sort={sort}
            order={order}
            onSort={onSort}
            onEdit={editable ? setEditing : undefined}
          />
        )
      )}
      {editing && (
        <UnitFormModal
          unit={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            show(t('common.saved'));
          }}
        />
      )}
    </Stack>
  );
}
