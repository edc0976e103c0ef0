import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DISPLAY_NAME_MAX_LENGTH,
  ROLES,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
  USERNAME_PATTERN,
  type Role,
  type User,
} from '@pbis/contract';
import { fieldErrors, onlyFieldErrors } from '../../app/errors';
import { ErrorAlert } from '../common/error-alert';
import { useUnits } from '../units/api';
import { useUnitOptions } from '../units/unit-options';
import { useUserMutations } from './api';
import { passwordRuleMessage } from '../auth/password-rules';

const usernameOk = (s: string) =>
  s.length >= USERNAME_MIN_LENGTH && s.length <= USERNAME_MAX_LENGTH && USERNAME_PATTERN.test(s);

interface Form {
  username: string;
  displayName: string;
  role: Role;
  analysisDivisionNo: string | null;
  unitId: string | null;
  password: string;
}

interface Props {
  user: User | null;
  onClose: () => void;
  onCreated: (username: string, temporaryPassword: string | undefined) => void;
  onUpdated: () => void;
}

/** Create a user (role, scope, optional password) or edit display name, role and scope. */
export function UserFormModal({ user, onClose, onCreated, onUpdated }: Props) {
  const { t } = useTranslation();
  const { divisions } = useUnitOptions();
  const { create, update } = useUserMutations();
  const [f, setF] = useState<Form>({
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    role: user?.role ?? 'unit_officer',
    analysisDivisionNo: user?.analysisDivisionNo ? String(user.analysisDivisionNo) : null,
    unitId: user?.unitId ?? null,
    password: '',
  });
  const [touched, setTouched] = useState(false);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((prev) => ({ ...prev, [k]: v }));
  const units = useUnits({}, f.role === 'unit_officer');
  const unitOptions = useMemo(
    () => (units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.nameTh} (${u.code})` })),
    [units.data],
  );

  const problems = {
    username:
      !user && !usernameOk(f.username.trim())
        ? f.username.trim()
          ? t('users:fields.usernameHint')
          : t('users:required.username')
        : null,
    division:
      f.role === 'budget_analyst' && !f.analysisDivisionNo ? t('users:required.division') : null,
    unit: f.role === 'unit_officer' && !f.unitId ? t('users:required.unit') : null,
    password: f.password ? passwordRuleMessage(t, f.password, f.username.trim()) : null,
  };
  const mutation = user ? update : create;
  // A refusal about one field (username taken, no such unit, weak password) is shown on it.
  const server = fieldErrors(mutation.error, t, {
    unitCode: 'unitId',
    newPassword: 'password',
  });
  const onFields = onlyFieldErrors(mutation.error, [
    'username',
    'displayName',
    'unitId',
    'unitCode',
    'analysisDivisionNo',
    'password',
  ]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (Object.values(problems).some(Boolean)) return;
    const scope = {
      role: f.role,
      analysisDivisionNo: f.role === 'budget_analyst' ? Number(f.analysisDivisionNo) : null,
      unitId: f.role === 'unit_officer' ? f.unitId : null,
    };
    try {
      if (user) {
        await update.mutateAsync({ user, patch: { displayName: f.displayName.trim(), ...scope } });
        onUpdated();
      } else {
        const res = await create.mutateAsync({
          username: f.username.trim(),
          displayName: f.displayName.trim(),
          ...scope,
          ...(f.password ? { password: f.password } : {}),
        });
        onCreated(res.user.username, res.temporaryPassword);
      }
    } catch {
      // shown below from mutation.error
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={user ? t('users:editTitle', { username: user.username }) : t('users:createTitle')}
      size="lg"
    >
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <Stack>
          {mutation.error && !onFields && <ErrorAlert error={mutation.error} />}
          {!user && (
            <TextInput
              label={t('users:fields.username')}
              description={t('users:fields.usernameHint')}
              required
              autoComplete="off"
              value={f.username}
              onChange={(e) => set('username', e.currentTarget.value)}
              error={(touched ? problems.username : null) ?? server.username}
            />
          )}
          <TextInput
            label={t('users:fields.displayName')}
            value={f.displayName}
            onChange={(e) => set('displayName', e.currentTarget.value)}
            maxLength={DISPLAY_NAME_MAX_LENGTH}
            error={server.displayName}
          />
          <Select
            label={t('users:fields.role')}
            required
            data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            value={f.role}
            onChange={(v) => v && set('role', v as Role)}
            allowDeselect={false}
          />
          {f.role === 'budget_analyst' && (
            <Select
              label={t('users:fields.division')}
              required
              data={divisions}
              value={f.analysisDivisionNo}
              onChange={(v) => set('analysisDivisionNo', v)}
              error={(touched ? problems.division : null) ?? server.analysisDivisionNo}
            />
          )}
          {f.role === 'unit_officer' && (
            <Select
              label={t('users:fields.unit')}
              placeholder={t('users:fields.unitPlaceholder')}
              required
              searchable
              data={unitOptions}
              value={f.unitId}
              onChange={(v) => set('unitId', v)}
              nothingFoundMessage={t('common.noData')}
              error={(touched ? problems.unit : null) ?? server.unitId}
              limit={100}
            />
          )}
          {!user && (
            <PasswordInput
              label={t('users:fields.password')}
              description={t('users:fields.passwordHint')}
              autoComplete="new-password"
              value={f.password}
              onChange={(e) => set('password', e.currentTarget.value)}
              error={(touched ? problems.password : null) ?? server.password}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
