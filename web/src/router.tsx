import type { ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { UsersPage } from './admin/users-page';
import type { Permission } from './api/types';
import { AuditPage } from './audit/audit-page';
import { ImportsPage } from './imports/imports-page';
import { LeadsArea } from './leads/leads-area';
import { PrivacyArea } from './privacy/privacy-area';
import { RequireAuth } from './auth/require-auth';
import { RequirePermission } from './auth/require-permission';
import { AppLayout } from './layout/app-layout';
import { AREAS } from './lib/areas';
import { ErrorPage } from './pages/error-page';
import { HomePage } from './pages/home-page';
import { NotFoundPage } from './pages/not-found-page';
import { PlaceholderPage } from './pages/placeholder-page';
import { OrganizationsArea, SearchArea } from './search/search-area';
import { SignInPage } from './pages/sign-in-page';
import { StatusArea } from './status';
import { ReviewPage } from './resolve/review-page';

const BUILT_SCREENS: Partial<Record<Permission, () => ReactNode>> = {
  audit: () => <AuditPage />,
  admin: () => <UsersPage />,
  imports: () => <ImportsPage />,
  search: () => <SearchArea />,
  orgs: () => <OrganizationsArea />,
  leads: () => <LeadsArea />,
  privacy: () => <PrivacyArea />,
  status: () => <StatusArea />,
};

function areaRoutes(): RouteObject[] {
  return AREAS.map((area) => {
    const screen = BUILT_SCREENS[area.permission];
    return {
      path: `${area.path.slice(1)}/*`,
      element: (
        <RequirePermission permission={area.permission}>
          {screen ? screen() : <PlaceholderPage permission={area.permission} />}
        </RequirePermission>
      ),
    };
  });
}

export function createAppRouter() {
  return createBrowserRouter([
    {
      errorElement: <ErrorPage />,
      children: [
        { path: '/sign-in', element: <SignInPage /> },
        {
          element: <RequireAuth />,
          children: [
            {
              element: <AppLayout />,
              children: [
                { index: true, element: <HomePage /> },
                ...areaRoutes(),
                { path: 'review/*', element: <RequirePermission permission="search"><ReviewPage /></RequirePermission> },
                { path: '*', element: <NotFoundPage /> },
              ],
            },
          ],
        },
      ],
    },
  ]);
}
