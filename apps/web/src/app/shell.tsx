import {
  Alert,
  AppShell,
  Burger,
  Group,
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
import { ForbiddenPage } from '../features/common/forbidden-page';
import { useAuth } from './auth';
import { clearFlash, useFlash } from './flash';
import { HeaderUser } from './header-user';
import { LanguageSwitch } from './language-switch';
import { FullPageLoader } from './full-page-loader';
import { navEntryOf, navFor } from './modules';

/** The signed-in layout: header, role-based navigation, and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [opened, { toggle, close }] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const navigate = useNavigate();
  const mustChange = me?.mustChangePassword ?? false;
  const message = useFlash();

  // The route guard runs on navigation; these cover a session that ends or changes while a page is open.
  useEffect(() => {
    if (me === null) void navigate({ to: '/login', replace: true });
  }, [me, navigate]);
  useEffect(() => {
    if (mustChange && pathname !== '/account') void navigate({ to: '/account', replace: true });
  }, [mustChange, pathname, navigate]);
  useEffect(() => {
    if (message && message.on !== pathname) clearFlash();
  }, [message, pathname]);

  if (!me) return <FullPageLoader />;

  // While the password must change, only the account page is offered.
  const nav = navFor(me.role).filter((n) => !mustChange || n.to === '/account');
  const entry = navEntryOf(pathname);
  const allowed = !entry || entry.roles.includes(me.role);

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
              to="/"
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
          {nav.map((n) => (
            <NavLink
              key={n.to}
              component={Link}
              to={n.to}
              label={t(n.labelKey)}
              leftSection={<n.icon size={18} />}
              active={pathname === n.to || (n.to !== '/' && pathname.startsWith(`${n.to}/`))}
              onClick={close}
            />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {message && message.on === pathname && (
          <Alert
            color="teal"
            variant="light"
            role="status"
            mb="md"
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={clearFlash}
            data-testid="flash"
          >
            {message.text}
          </Alert>
        )}
        {allowed ? <Outlet /> : <ForbiddenPage />}
      </AppShell.Main>
    </AppShell>
  );
}
