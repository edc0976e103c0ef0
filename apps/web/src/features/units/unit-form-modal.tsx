import { Button, Group, Modal, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { fieldErrors, onlyFieldErrors } from '../../app/errors';
import {
  UNIT_CODE_MAX_LENGTH,
  UNIT_CODE_PATTERN,
  UNIT_NAME_MAX_LENGTH,
  type Unit,
  type UnitKind,
} from '@pbis/contract';
import { ErrorAlert } from '../common/error-alert';
import { fetchUnit, useSaveUnit, type UnitFields } from './api';
import { useUnitOptions } from './unit-options';

const fieldsOf = (u: Unit | null): UnitFields =>
  u
    ? {
        code: u.code,
        nameTh: u.nameTh,
        nameEn: u.nameEn,
        kind: u.kind,
        analysisDivisionNo: u.analysisDivisionNo,
        active: u.active,
      }
    : {
        code: '',
        nameTh: '',
        nameEn: '',
        kind: 'department',
        analysisDivisionNo: null,
        active: true,
      };

/** Create or edit a receiving unit; an edit sends the version it read (a stale one gets 409). */
export function UnitFormModal({
  unit,
  onClose,
  onSaved,
}: {
  unit: Unit | null;
  onClose: () => void;
  onSaved: (u: Unit) => void;
}) {
  const { t } = useTranslation();
  const options = useUnitOptions();
  const save = useSaveUnit();
  const [base, setBase] = useState<Unit | null>(unit);
  const [f, setF] = useState<UnitFields>(fieldsOf(unit));
  const [touched, setTouched] = useState(false);
  const [reloading, setReloading] = useState(false);
  const set = <K extends keyof UnitFields>(k: K, v: UnitFields[K]) =>
    setF((prev) => ({ ...prev, [k]: v }));

  const problems = {
    code: !f.code.trim()
      ? t('units:required', { field: t('units:fields.code') })
      : !UNIT_CODE_PATTERN.test(f.code.trim())
        ? t('units:fields.codeHint')
        : null,
    nameTh: !f.nameTh.trim() ? t('units:required', { field: t('units:fields.nameTh') }) : null,
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (problems.code || problems.nameTh) return;
    const fields = { ...f, code: f.code.trim(), nameTh: f.nameTh.trim(), nameEn: f.nameEn.trim() };
    try {
      const saved = await save.mutateAsync(
        base ? { id: base.id, version: base.version, fields } : { fields },
      );
      onSaved(saved);
    } catch {
      // shown below from save.error
    }
  };

  const reload = async () => {
    if (!base) return;
    setReloading(true);
    try {
      const fresh = await fetchUnit(base.id);
      setBase(fresh);
      setF(fieldsOf(fresh));
      save.reset();
    } finally {
      setReloading(false);
    }
  };

  const stale = save.error instanceof ApiError && save.error.isStale;
  // A refusal about one field (the code is taken, the Thai name is taken) is shown on that field.
  const server = fieldErrors(save.error, t);
  const onFields = onlyFieldErrors(save.error, ['code', 'nameTh', 'nameEn']);

  return (
    <Modal
      opened
      onClose={onClose}
      title={base ? t('units:editTitle') : t('units:createTitle')}
      size="lg"
    >
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <Stack>
          {save.error && !onFields && <ErrorAlert error={save.error} />}
          {stale && (
            <Button
              variant="light"
              color="red"
              onClick={() => void reload()}
              loading={reloading}
              w="fit-content"
            >
              {t('common.reload')}
            </Button>
          )}
          <TextInput
            label={t('units:fields.code')}
            description={t('units:fields.codeHint')}
            required
            value={f.code}
            onChange={(e) => set('code', e.currentTarget.value)}
            error={(touched ? problems.code : null) ?? server.code}
            maxLength={UNIT_CODE_MAX_LENGTH}
          />
          <TextInput
            label={t('units:fields.nameTh')}
            required
            value={f.nameTh}
            onChange={(e) => set('nameTh', e.currentTarget.value)}
            error={(touched ? problems.nameTh : null) ?? server.nameTh}
            maxLength={UNIT_NAME_MAX_LENGTH}
          />
          <TextInput
            label={t('units:fields.nameEn')}
            value={f.nameEn}
            onChange={(e) => set('nameEn', e.currentTarget.value)}
            error={server.nameEn}
            maxLength={UNIT_NAME_MAX_LENGTH}
          />
          <Group grow align="flex-start">
            <Select
              label={t('units:fields.kind')}
              required
              data={options.kinds}
              value={f.kind}
              onChange={(v) => v && set('kind', v as UnitKind)}
              allowDeselect={false}
            />
            <Select
              label={t('units:fields.division')}
              placeholder={t('common.notAssigned')}
              data={options.divisions}
              value={f.analysisDivisionNo ? String(f.analysisDivisionNo) : null}
              onChange={(v) => set('analysisDivisionNo', v ? Number(v) : null)}
              clearable
            />
          </Group>
          <Switch
            label={t('units:fields.active')}
            checked={f.active}
            onChange={(e) => set('active', e.currentTarget.checked)}
          />
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
