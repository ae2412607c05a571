import { Avatar, Group, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconChevronDown, IconLanguage, IconLogout, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Me } from '../../shared/contracts/auth';
import { useLogout, useUpdateMe } from '../features/auth/auth.api';
import { applyLocale, type Locale, locales } from '../i18n';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

/** The signed-in user's menu: profile, language (saved on the account), sign out. */
export function UserMenu({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const updateMe = useUpdateMe();

  const chooseLocale = (locale: Locale) => {
    void applyLocale(locale);
    updateMe.mutate({ locale });
  };

  return (
    <Menu shadow="md" width={220} position="bottom-end">
      <Menu.Target>
        {/* Named by its visible text (speech users say what they see) and a hidden "User menu". */}
        <UnstyledButton data-testid="user-menu">
          <VisuallyHidden>{t('nav.userMenu')}</VisuallyHidden>
          <Group gap={6} wrap="nowrap">
            <Avatar size="sm" radius="xl" color="blue" aria-hidden>
              {initials(me.name)}
            </Avatar>
            <Text size="sm" visibleFrom="sm" maw={160} truncate>
              {me.name}
            </Text>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {me.email} · {t(`roles.${me.role}`)}
        </Menu.Label>
        <Menu.Item component={Link} to="/profile" leftSection={<IconUser size={16} />}>
          {t('nav.profile')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>
          <Group gap={4}>
            <IconLanguage size={14} />
            {t('language.label')}
          </Group>
        </Menu.Label>
        {locales.map((locale) => (
          <Menu.Item
            key={locale}
            data-testid={`language-${locale}`}
            lang={locale}
            onClick={() => chooseLocale(locale)}
            rightSection={i18n.language === locale ? <IconCheck size={14} /> : null}
          >
            {t(`language.${locale}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} />}
          data-testid="sign-out"
          onClick={() =>
            logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })
          }
        >
          {t('nav.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
