import {
  IconBuilding,
  IconCalendarStats,
  IconFileImport,
  IconListSearch,
  IconSearch,
  IconShieldLock,
  IconTargetArrow,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { Permission } from '../api/types';

type IconComponent = ComponentType<{ size?: number | string; stroke?: number }>;

export const AREA_ICONS: Record<Permission, IconComponent> = {
  search: IconSearch,
  leads: IconTargetArrow,
  status: IconCalendarStats,
  orgs: IconBuilding,
  imports: IconFileImport,
  privacy: IconShieldLock,
  audit: IconListSearch,
  admin: IconUsersGroup,
};
