import {
  AppShell,
  Burger,
  Center,
  Group,
  Loader,
  NavLink,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth';
import { canUse, type Feature } from './access';
import { HeaderUser } from './header-user';
import { LanguageSwitch } from './language-switch';
import { NavIcon } from './nav-icon';

const NAV: {
  feature: Feature;
  to: '/organization' | '/units' | '/users' | '/periods' | '/audit';
}[] = [
  { feature: 'organization', to: '/organization' },
  { feature: 'units', to: '/units' },
  { feature: 'users', to: '/users' },
  { feature: 'periods', to: '/periods' },
  { feature: 'audit', to: '/audit' },
];

export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="100vh" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader />
        <Text c="dimmed">{t('common.loading')}</Text>
      </Stack>
    </Center>
  );
}

/** The signed-in layout: header, role-based navigation, and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [opened, { toggle, close }] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const navigate = useNavigate();
  const mustChange = me?.mustChangePassword ?? false;

  // The route guard runs on navigation; these cover a session that ends or changes while a page is open.
  useEffect(() => {
    if (me === null) void navigate({ to: '/login', replace: true });
  }, [me, navigate]);
  useEffect(() => {
    if (mustChange && pathname !== '/account') void navigate({ to: '/account', replace: true });
  }, [mustChange, pathname, navigate]);

  if (!me) return <FullPageLoader />;

  return (
    <AppShell
      header={{ height: 72 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header className="app-header">
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.toggle')}
              color="white"
            />
            <UnstyledButton
              component={Link}
              to="/organization"
              className="brand"
              aria-label={`${t('app.name')} — ${t('app.fullName')}`}
            >
              <Title order={1} className="brand-name">
                {t('app.name')}
              </Title>
              <Text size="xs" className="brand-sub" visibleFrom="md">
                {t('app.owner')}
              </Text>
            </UnstyledButton>
          </Group>
          <Group gap="md" wrap="nowrap">
            <LanguageSwitch />
            <HeaderUser me={me} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label={t('nav.label')}>
        <Stack gap={4}>
          {NAV.filter((n) => !me.mustChangePassword && canUse(me.role, n.feature)).map((n) => (
            <NavLink
              key={n.to}
              component={Link}
              to={n.to}
              label={t(`nav.${n.feature}`)}
              leftSection={<NavIcon feature={n.feature} />}
              active={pathname === n.to}
              onClick={close}
            />
          ))}
          <NavLink
            component={Link}
            to="/account"
            label={t('nav.account')}
            leftSection={<NavIcon feature="account" />}
            active={pathname === '/account'}
            onClick={close}
          />
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
