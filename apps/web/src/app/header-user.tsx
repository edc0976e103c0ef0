import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth';
import type { Me } from '@pbis/contract';

/** Who is signed in (name, role in the current language, scope) and the sign-out button. */
export function HeaderUser({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const unitName = i18n.resolvedLanguage === 'en' ? me.unitNameEn || me.unitNameTh : me.unitNameTh;
  const scope = me.analysisDivisionNo
    ? t('analysisDivision', { no: me.analysisDivisionNo })
    : unitName;

  const onSignOut = async () => {
    setBusy(true);
    try {
      await signOut();
      await navigate({ to: '/login' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Group gap="sm" wrap="nowrap">
      <Stack
        gap={4}
        align="flex-end"
        visibleFrom="xs"
        className="user-box"
        data-testid="current-user"
      >
        <Text size="sm" fw={600} c="white" lh={1.5}>
          <span className="visually-hidden">{t('header.signedInAs')}: </span>
          {me.displayName || me.username}
          {me.displayName && me.displayName !== me.username && (
            <Text span size="xs" fw={400} opacity={0.8}>
              {' '}
              ({me.username})
            </Text>
          )}
        </Text>
        <Group gap={6} wrap="nowrap">
          {scope && (
            <Text size="xs" c="white" opacity={0.85} lh={1.5} maw={260} truncate="end">
              {scope}
            </Text>
          )}
          <Badge size="sm" variant="white" color="civic" data-testid="current-role">
            {t(`roles.${me.role}`)}
          </Badge>
        </Group>
      </Stack>
      <Button variant="white" size="xs" onClick={() => void onSignOut()} loading={busy}>
        {t('header.signOut')}
      </Button>
    </Group>
  );
}
