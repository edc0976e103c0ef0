import { Button, Stack, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { useFormat } from '../../app/format';
import { AccountIcon } from '../../app/icons';
import { ThaiText } from '../../app/thai-text';
import { HomeCardFrame } from '../common/home-card';

/** "My account": who I am, my role and scope, my previous sign-in, and a way to change my password. */
export default function AccountCard() {
  const { t, i18n } = useTranslation('auth');
  const me = useMe();
  const f = useFormat();
  const unitName = i18n.resolvedLanguage === 'en' ? me.unitNameEn || me.unitNameTh : me.unitNameTh;
  const scope = me.analysisDivisionNo
    ? t('translation:analysisDivision', { no: me.analysisDivisionNo })
    : (unitName ?? t('card.scopeAll'));
  // The previous sign-in, when the session says it (GET /auth/me).
  const previous = (me as { lastLoginAt?: string | null }).lastLoginAt;
  const rows: [string, React.ReactNode][] = [
    [t('card.username'), <span className="username">{me.username}</span>],
    [t('card.role'), <ThaiText>{t(`translation:roles.${me.role}`)}</ThaiText>],
    [t('card.scope'), <ThaiText>{scope}</ThaiText>],
  ];
  if (previous !== undefined)
    rows.push([t('card.lastSignIn'), previous ? f.dateTime(previous) : t('card.never')]);
  return (
    <HomeCardFrame title={t('card.title')} icon={AccountIcon} testId="home-account">
      <Stack gap="xs">
        {me.displayName && me.displayName !== me.username && (
          <Text fw={600} size="lg">
            {me.displayName}
          </Text>
        )}
        <Table withRowBorders={false} verticalSpacing={4} highlightOnHover={false}>
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w="40%" fw={400} c="dimmed">
                  {label}
                </Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      <Button component={Link} to="/account" variant="light" size="xs" w="fit-content">
        {t('card.change')}
      </Button>
    </HomeCardFrame>
  );
}
