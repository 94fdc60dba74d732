import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../pages/not-found-page';
import { ReportPage } from './report-page';
import { RunsPage } from './runs-page';
import { ViolatorsPage } from './violators-page';

/** /status (runs), /status/report (the fiscal-year report), /status/violators (the ranked list). */
export function StatusArea() {
  return (
    <Routes>
      <Route index element={<RunsPage />} />
      <Route path="report" element={<ReportPage />} />
      <Route path="violators" element={<ViolatorsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
