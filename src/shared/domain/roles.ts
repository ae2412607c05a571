/** The roles of DESIGN.md; `requester` only submits and follows their own requests. */
export const roles = ['admin', 'manager', 'lead', 'member', 'auditor', 'requester'] as const;
export type Role = (typeof roles)[number];

/** What a role may do across the application; team-scoped rules (a lead's own team) come on top. */
export const permissions = [
  'read',
  'inventory.write',
  'teams.write',
  'teams.members',
  'users.manage',
  'settings.manage',
  'audit.read',
  // respond to incidents: acknowledge, assign, comment, review (team-scoped below managers)
  'incidents.write',
  // plan maintenance windows on the items one may change
  'maintenance.write',
  // notification channels and rules, which reach outside Regia
  'notifications.manage',
  // public status pages, which show services to anyone
  'statusPages.manage',
  // create and change work items (team-scoped below managers)
  'work.write',
  // change a team's workflow and recurring work (leads only their own team's)
  'workflows.manage',
  // submit a request or report a problem, and follow one's own (every role but auditors)
  'requests.submit',
] as const;
export type Permission = (typeof permissions)[number];

const grants: Record<Role, readonly Permission[]> = {
  admin: permissions,
  manager: [
    'read',
    'inventory.write',
    'teams.write',
    'teams.members',
    'incidents.write',
    'maintenance.write',
    'notifications.manage',
    'statusPages.manage',
    'work.write',
    'workflows.manage',
    'requests.submit',
  ],
  lead: [
    'read',
    'inventory.write',
    'teams.members',
    'incidents.write',
    'maintenance.write',
    'work.write',
    'workflows.manage',
    'requests.submit',
  ],
  member: ['read', 'inventory.write', 'incidents.write', 'work.write', 'requests.submit'],
  auditor: ['read', 'audit.read'],
  requester: ['requests.submit'],
};

/** True when the role carries the permission. */
export function hasPermission(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

/** Admins and managers act on every team; leads and members only on their own. */
export function isCrossTeam(role: Role): boolean {
  return role === 'admin' || role === 'manager';
}
