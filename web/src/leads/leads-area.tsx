import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../pages/not-found-page';
import { LeadPage } from './lead-page';
import { QueuePage } from './queue-page';

/** The Leads area: the queues at /leads, one lead at /leads/:id. */
export function LeadsArea() {
  return (
    <Routes>
      <Route index element={<QueuePage />} />
      <Route path=":id" element={<LeadPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
