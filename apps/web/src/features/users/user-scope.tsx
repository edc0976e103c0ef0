import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '@pbis/contract';
import { ThaiText } from '../../app/thai-text';

/** What a user may see: an analysis division, one unit, or everything. */
export function UserScopeText({ user }: { user: User }) {
  const { t } = useTranslation();
  if (user.role === 'budget_analyst' && user.analysisDivisionNo)
    return <Text size="sm">{t('analysisDivision', { no: user.analysisDivisionNo })}</Text>;
  if (user.role === 'unit_officer' && user.unitNameTh)
    return (
      <Text size="sm">
        <ThaiText>{user.unitNameTh}</ThaiText>
        {user.unitCode && (
          <Text span c="dimmed" size="xs">
            {' '}
            ({user.unitCode})
          </Text>
        )}
      </Text>
    );
  return (
    <Text size="sm" c="dimmed">
      {t('users:scopeAll')}
    </Text>
  );
}
