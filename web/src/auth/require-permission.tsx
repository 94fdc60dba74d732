import type { ReactNode } from 'react';
import type { Permission } from '../api/types';
import { NotPermittedPage } from '../pages/not-permitted-page';
import { hasPermission, useCurrentUser } from './session';

interface RequirePermissionProps {
  permission: Permission;
  children: ReactNode;
}

/**
 * Hides an area from users whose roles do not grant it. The server enforces
 * the same rule; this only spares the user a page of refused requests.
 */
export function RequirePermission({ permission, children }: RequirePermissionProps) {
  const user = useCurrentUser();
  if (!hasPermission(user, permission)) return <NotPermittedPage permission={permission} />;
  return children;
}
