import { ActionIcon, Button, Group, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '@pbis/contract';

interface Props {
  user: User;
  onEdit: () => void;
  onToggleActive: () => void;
  onResetPassword: () => void;
  onUnlock: () => void;
}

export function UserRowActions({ user, onEdit, onToggleActive, onResetPassword, onUnlock }: Props) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Button
        size="xs"
        variant="light"
        onClick={onEdit}
        aria-label={t('users:editTitle', { username: user.username })}
      >
        {t('common.edit')}
      </Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            aria-label={t('users:moreActions', { username: user.username })}
          >
            <svg width="18" height="18" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
              <circle cx="5" cy="12" r="2" />
              <circle cx="12" cy="12" r="2" />
              <circle cx="19" cy="12" r="2" />
            </svg>
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={onToggleActive} color={user.active ? 'red' : undefined}>
            {user.active ? t('users:disable') : t('users:enable')}
          </Menu.Item>
          <Menu.Item onClick={onResetPassword}>{t('users:resetPassword')}</Menu.Item>
          {user.lockedUntil && <Menu.Item onClick={onUnlock}>{t('users:unlock')}</Menu.Item>}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
