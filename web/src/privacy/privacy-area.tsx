import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../pages/not-found-page';
import { PersonPrivacyPage } from './person-privacy-page';
import { PrivacyHome } from './privacy-home';

/** The Privacy Office: find a person at /privacy, their privacy record at /privacy/persons/:id. */
export function PrivacyArea() {
  return (
    <Routes>
      <Route index element={<PrivacyHome />} />
      <Route path="persons/:id" element={<PersonPrivacyPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
