import { Badge, Button, Table, Text, UnstyledButton } from '@mantine/core';
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  useReactTable,
} from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SortOrder, Unit, UnitSort } from '@pbis/contract';
import { ThaiText } from '../../app/thai-text';
import { EmptyRow } from '../common/empty-row';

const col = createColumnHelper<Unit>();

interface Props {
  units: Unit[];
  sort: UnitSort;
  order: SortOrder;
  onSort: (sort: UnitSort) => void;
  onEdit?: ((unit: Unit) => void) | undefined;
}

function SortArrow({ state }: { state: false | SortOrder }) {
  return (
    <svg
      width="12"
      height="12"
      viewBox="0 0 12 12"
      aria-hidden="true"
      style={{ opacity: state ? 1 : 0.35 }}
    >
      {state !== 'desc' && <path d="M6 2l3.5 4h-7z" fill="currentColor" />}
      {state !== 'asc' && <path d="M6 10l3.5-4h-7z" fill="currentColor" />}
    </svg>
  );
}

/** Units with server-side sorting: the header buttons change `sort`/`order` in the URL. */
export function UnitsTable({ units, sort, order, onSort, onEdit }: Props) {
  const { t } = useTranslation();
  const columns = useMemo(
    () => [
      col.accessor('code', { header: () => t('units:columns.code') }),
      col.accessor('nameTh', {
        header: () => t('units:columns.nameTh'),
        cell: (c) => (
          <Text fw={600} size="sm">
            <ThaiText>{c.getValue()}</ThaiText>
          </Text>
        ),
      }),
      col.accessor('nameEn', { header: () => t('units:columns.nameEn') }),
      col.accessor('kind', {
        header: () => t('units:columns.kind'),
        cell: (c) => (
          <Badge variant="light" color={c.getValue() === 'district_office' ? 'teal' : 'civic'}>
            {t(`unitKinds.${c.getValue()}`)}
          </Badge>
        ),
      }),
      col.accessor('analysisDivisionNo', {
        header: () => t('units:columns.analysisDivisionNo'),
        cell: (c) => (
          <Text size="sm" c={c.getValue() ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
            {c.getValue() ? t('analysisDivision', { no: c.getValue() }) : t('common.notAssigned')}
          </Text>
        ),
      }),
      col.accessor('active', {
        header: () => t('units:columns.active'),
        enableSorting: false,
        cell: (c) =>
          c.getValue() ? (
            <Badge color="teal" variant="dot">
              {t('common.active')}
            </Badge>
          ) : (
            <Badge color="gray" variant="dot">
              {t('common.inactive')}
            </Badge>
          ),
      }),
    ],
    [t],
  );

  // TanStack Table returns fresh functions each render; this component does not rely on memoisation.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: units,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    getRowId: (u) => u.id,
  });

  return (
    <div className={onEdit ? 'table-wrap table-sticky-actions' : 'table-wrap'}>
      <Table striped stickyHeader data-testid="units-table">
        <Table.Thead>
          {table.getHeaderGroups().map((hg) => (
            <Table.Tr key={hg.id}>
              {hg.headers.map((h) => {
                const id = h.column.id as UnitSort;
                const sortable = h.column.getCanSort();
                const state: false | SortOrder = sort === id ? order : false;
                const label = flexRender(h.column.columnDef.header, h.getContext());
                return (
                  <Table.Th
                    key={h.id}
                    aria-sort={
                      state === 'asc'
                        ? 'ascending'
                        : state === 'desc'
                          ? 'descending'
                          : sortable
                            ? 'none'
                            : undefined
                    }
                  >
                    {sortable ? (
                      <UnstyledButton className="sort-button" onClick={() => onSort(id)}>
                        {label}
                        <SortArrow state={state} />
                      </UnstyledButton>
                    ) : (
                      label
                    )}
                  </Table.Th>
                );
              })}
              {onEdit && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {table.getRowModel().rows.map((row) => (
            <Table.Tr key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <Table.Td key={cell.id}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </Table.Td>
              ))}
              {onEdit && (
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    aria-label={t('units:editUnit', { name: row.original.nameTh })}
                    onClick={() => onEdit(row.original)}
                    leftSection={
                      <svg
                        width="14"
                        height="14"
                        viewBox="0 0 24 24"
                        fill="none"
                        stroke="currentColor"
                        strokeWidth="1.8"
                        strokeLinecap="round"
                        aria-hidden="true"
                      >
                        <path d="M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4" />
                      </svg>
                    }
                  >
                    {t('common.edit')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
          {units.length === 0 && (
            <EmptyRow columns={columns.length + (onEdit ? 1 : 0)}>{t('common.noData')}</EmptyRow>
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}
