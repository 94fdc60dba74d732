import type { Permission } from '../api/types';

export interface Area {
  permission: Permission;
  path: string;
  label: string;
  /** What the area is for, shown on the home page and on placeholders. */
  description: string;
  /** False until the area's screens exist in this build. */
  built: boolean;
}

// Order is the order of the navigation: the investigative flow first, then oversight.
export const AREAS: readonly Area[] = [
  {
    permission: 'search',
    path: '/search',
    label: 'Search',
    description: 'Search people and organizations across every source system',
    built: true,
  },
  {
    permission: 'leads',
    path: '/leads',
    label: 'Leads',
    description: 'Work the lead queue: review, refer to field offices and record outcomes',
    built: true,
  },
  {
    permission: 'status',
    path: '/status',
    label: 'Status',
    description: 'Status assessments: overstays and other violations of the terms of admission',
    built: true,
  },
  {
    permission: 'orgs',
    path: '/organizations',
    label: 'Organizations',
    description: 'Schools and employers, with indicators of possible fraud',
    built: false,
  },
  {
    permission: 'imports',
    path: '/imports',
    label: 'Imports',
    description: 'Load source files and review rejected rows and data-quality issues',
    built: true,
  },
  {
    permission: 'privacy',
    path: '/privacy',
    label: 'Privacy Office',
    description: 'Disclosure accounting, access and amendment requests, and retention',
    built: true,
  },
  {
    permission: 'audit',
    path: '/audit',
    label: 'Audit',
    description:
      'Review the audit trail of every sign-in, read, change and export, and verify its integrity',
    built: true,
  },
  {
    permission: 'admin',
    path: '/admin',
    label: 'Admin',
    description: 'Manage user accounts, roles and field offices',
    built: true,
  },
];

export function visibleAreas(permissions: readonly string[]): Area[] {
  return AREAS.filter((area) => permissions.includes(area.permission));
}

export function areaByPermission(permission: Permission): Area {
  const area = AREAS.find((a) => a.permission === permission);
  if (!area) throw new Error(`Unknown area ${permission}`);
  return area;
}

/** Where to go after sign-in: the page asked for if the user may see it, else home. */
export function landingPath(
  requested: string | null | undefined,
  permissions: readonly string[],
): string {
  if (
    !requested ||
    !requested.startsWith('/') ||
    requested.startsWith('//') ||
    requested === '/sign-in'
  )
    return '/';
  const pathname = requested.split(/[?#]/)[0] ?? requested;
  const area = AREAS.find((a) => pathname === a.path || pathname.startsWith(`${a.path}/`));
  if (area && !permissions.includes(area.permission)) return '/';
  return requested;
}
