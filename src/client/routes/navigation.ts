import {
  IconActivityHeartbeat,
  IconAffiliate,
  IconAlertTriangle,
  IconBell,
  IconBroadcast,
  IconCalendarTime,
  IconChecklist,
  IconFileImport,
  IconHistory,
  IconKey,
  IconLayoutDashboard,
  IconLayoutKanban,
  IconListCheck,
  IconMessageQuestion,
  IconServer2,
  IconUser,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { Permission, Role } from '../../shared/domain/roles';
import { hasPermission } from '../../shared/domain/roles';

type LabelKey =
  | 'nav.controlRoom'
  | 'nav.inventory'
  | 'nav.dependencyMap'
  | 'nav.import'
  | 'nav.checks'
  | 'nav.procedures'
  | 'nav.work'
  | 'nav.myWork'
  | 'nav.requests'
  | 'nav.incidents'
  | 'nav.maintenance'
  | 'nav.notifications'
  | 'nav.statusPages'
  | 'nav.teams'
  | 'nav.users'
  | 'nav.auditLog'
  | 'nav.tokens'
  | 'nav.profile';

/** One entry of the side navigation; `permission` hides it from roles that lack it. */
export type NavEntry = {
  path: string;
  label: LabelKey;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  permission?: Permission;
  testId: string;
};

export const navEntries: NavEntry[] = [
  {
    path: '/',
    label: 'nav.controlRoom',
    icon: IconLayoutDashboard,
    permission: 'read',
    testId: 'nav-control-room',
  },
  {
    path: '/inventory',
    label: 'nav.inventory',
    icon: IconServer2,
    permission: 'read',
    testId: 'nav-inventory',
  },
  { path: '/map', label: 'nav.dependencyMap', icon: IconAffiliate, permission: 'read', testId: 'nav-map' },
  {
    path: '/import',
    label: 'nav.import',
    icon: IconFileImport,
    permission: 'inventory.write',
    testId: 'nav-import',
  },
  {
    path: '/checks',
    label: 'nav.checks',
    icon: IconActivityHeartbeat,
    permission: 'read',
    testId: 'nav-checks',
  },
  {
    path: '/procedures',
    label: 'nav.procedures',
    icon: IconChecklist,
    permission: 'read',
    testId: 'nav-procedures',
  },
  { path: '/my-work', label: 'nav.myWork', icon: IconListCheck, permission: 'read', testId: 'nav-my-work' },
  {
    path: '/requests',
    label: 'nav.requests',
    icon: IconMessageQuestion,
    permission: 'requests.submit',
    testId: 'nav-requests',
  },
  { path: '/work', label: 'nav.work', icon: IconLayoutKanban, permission: 'read', testId: 'nav-work' },
  {
    path: '/incidents',
    label: 'nav.incidents',
    icon: IconAlertTriangle,
    permission: 'read',
    testId: 'nav-incidents',
  },
  {
    path: '/maintenance',
    label: 'nav.maintenance',
    icon: IconCalendarTime,
    permission: 'read',
    testId: 'nav-maintenance',
  },
  {
    path: '/notifications',
    label: 'nav.notifications',
    icon: IconBell,
    permission: 'notifications.manage',
    testId: 'nav-notifications',
  },
  {
    path: '/status-pages',
    label: 'nav.statusPages',
    icon: IconBroadcast,
    permission: 'statusPages.manage',
    testId: 'nav-status-pages',
  },
  { path: '/teams', label: 'nav.teams', icon: IconUsersGroup, permission: 'read', testId: 'nav-teams' },
  { path: '/users', label: 'nav.users', icon: IconUsers, permission: 'users.manage', testId: 'nav-users' },
  { path: '/audit', label: 'nav.auditLog', icon: IconHistory, permission: 'audit.read', testId: 'nav-audit' },
  { path: '/tokens', label: 'nav.tokens', icon: IconKey, testId: 'nav-tokens' },
  { path: '/profile', label: 'nav.profile', icon: IconUser, testId: 'nav-profile' },
];

/** The entries a role may see. */
export function navEntriesFor(role: Role): NavEntry[] {
  return navEntries.filter((entry) => !entry.permission || hasPermission(role, entry.permission));
}
