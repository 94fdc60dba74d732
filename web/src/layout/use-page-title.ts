import { useDocumentTitle } from '@mantine/hooks';

/** Browser tab titles always start with the product name. */
export function usePageTitle(page?: string): void {
  useDocumentTitle(page ? `LeadTrac — ${page}` : 'LeadTrac');
}
