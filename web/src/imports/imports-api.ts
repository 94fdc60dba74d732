import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, apiUpload } from '../api/client';

export interface SourceSummary {
  name: string;
  system: string;
  title: string;
  description: string;
  requiresLegalProcess: boolean;
  columns: { name: string; required: boolean; contract: boolean; description: string }[];
}

export interface Batch {
  id: string;
  source: string;
  fileName: string;
  fileSize: number;
  fileSha256: string;
  format: 'csv' | 'ndjson';
  loadedBy: string;
  legalProcessRef: string | null;
  startedAt: string;
  finishedAt: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsFlagged: number;
  rowsRejected: number;
  rowsSkipped: number;
}

export interface IngestResult {
  batchId: string;
  source: string;
  fileName: string;
  status: 'loaded' | 'already_loaded';
  rowsRead: number;
  rowsAccepted: number;
  rowsFlagged: number;
  rowsRejected: number;
  rowsSkipped: number;
}

export interface Reject {
  line: number;
  reason: string;
  rawText: string;
}

export function useSources() {
  return useQuery({
    queryKey: ['sources'],
    queryFn: () => apiFetch<{ sources: SourceSummary[] }>('/api/sources'),
    staleTime: Infinity,
  });
}

export function useBatches() {
  return useQuery({
    queryKey: ['imports'],
    queryFn: () => apiFetch<{ batches: Batch[] }>('/api/imports?limit=200'),
  });
}

export function useBatch(id: string | null) {
  return useQuery({
    queryKey: ['imports', id],
    queryFn: () => apiFetch<{ batch: Batch; rejects: Reject[] }>(`/api/imports/${id}`),
    enabled: id !== null,
  });
}

export function useUpload(onProgress: (fraction: number) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { source: string; file: File; legalProcessRef?: string }) => {
      const form = new FormData();
      form.append('source', input.source);
      if (input.legalProcessRef) form.append('legalProcessRef', input.legalProcessRef);
      form.append('file', input.file, input.file.name);
      return apiUpload<IngestResult>('/api/imports', form, onProgress);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['imports'] }),
  });
}
