import { AppShell, Burger, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../features/auth/auth.api';
import { NotificationBell } from '../features/collaboration/NotificationBell';
import { applyLocale, isLocale } from '../i18n';
import { navEntriesFor } from '../routes/navigation';
import { Logo } from './Logo';
import { PageLoader } from './PageLoader';
import { ThemeToggle } from './ThemeToggle';
import { UserMenu } from './UserMenu';

function isActive(entryPath: string, pathname: string): boolean {
  return entryPath === '/'
    ? pathname === '/'
    : pathname === entryPath || pathname.startsWith(`${entryPath}/`);
}

/** The signed-in frame: header with user menu, side navigation (a burger on phones), the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  const [isNavOpen, { toggle, close }] = useDisclosure(false);
  const accountLocale = me.data?.locale;

  useEffect(() => {
    if (isLocale(accountLocale)) void applyLocale(accountLocale);
  }, [accountLocale]);

  // Close the phone navigation after moving to another page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on path change on purpose
  useEffect(() => close(), [location.pathname]);

  if (me.isPending) return <PageLoader />;
  if (!me.data) {
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !isNavOpen } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={isNavOpen}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.toggleNavigation')}
              data-testid="nav-burger"
            />
            <Group
              gap={8}
              renderRoot={(props) => <Link to="/" {...props} />}
              style={{ textDecoration: 'none', color: 'inherit' }}
            >
              <Logo />
              <Text fw={700} size="lg">
                {t('app.name')}
              </Text>
            </Group>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <NotificationBell />
            <ThemeToggle />
            <UserMenu me={me.data} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" data-testid="navbar">
        <AppShell.Section grow component={ScrollArea}>
          {navEntriesFor(me.data.role).map((entry) => (
            <NavLink
              key={entry.path}
              component={Link}
              to={entry.path}
              label={t(entry.label)}
              leftSection={<entry.icon size={18} stroke={1.6} />}
              active={isActive(entry.path, location.pathname)}
              data-testid={entry.testId}
            />
          ))}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
