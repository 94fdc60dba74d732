import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../pages/not-found-page';
import { OrganizationPage } from '../profiles/organization-page';
import { PersonPage } from '../profiles/person-page';
import { SearchPage } from './search-page';

/** /search and the profiles opened from it (so a privacy officer, who has no Organizations area, can open a school). */
export function SearchArea() {
  return (
    <Routes>
      <Route index element={<SearchPage />} />
      <Route path="persons/:id" element={<PersonPage />} />
      <Route path="organizations/:id" element={<OrganizationPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

/** /organizations: an organization opened by id; the list itself is the search restricted to organizations. */
export function OrganizationsArea() {
  return (
    <Routes>
      <Route index element={<SearchPage />} />
      <Route path=":id" element={<OrganizationPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
