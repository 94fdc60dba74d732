import type { SourceDefinition } from '../source-types';
import { column, designedColumns, recordId } from './columns';

export const cdr: SourceDefinition = {
  name: 'cdr',
  system: 'CDR',
  title: 'Telephone call detail records',
  description:
    'Call detail records obtained from a carrier via lawful process during an investigation: one row per call or message. Every record is marked CDR (need to know). Each row names the subpoena or court order it was obtained under.',
  exemptions: [],
  requiresLegalProcess: true,
  recordSensitivity: 'CDR',
  fileRules: [
    'Every row must carry legal_process_ref. A file in which any row lacks it is refused entirely (nothing from it is stored), unless the person loading it supplies a file-level legal process reference, which then applies to the rows without one.',
    'A file without a legal_process_ref column is refused before any row is read, unless a file-level reference is supplied.',
  ],
  columns: designedColumns([
    recordId('CDR-SUB0142-000001'),
    column({
      name: 'legal_process_ref',
      type: 'identifier',
      identifierKind: 'legal_process',
      required: true,
      description:
        'Reference of the lawful process (subpoena, court order, warrant) the record was obtained under, e.g. SUBPOENA-2026-0142.',
      example: 'SUBPOENA-2026-0142',
    }),
    column({
      name: 'calling_number',
      required: true,
      type: 'identifier',
      identifierKind: 'phone',
      description: 'Number that placed the call or sent the message, E.164.',
      example: '+16175550187',
    }),
    column({
      name: 'called_number',
      required: true,
      type: 'identifier',
      identifierKind: 'phone',
      description: 'Number that received the call or message, E.164.',
      example: '+13055550164',
    }),
    column({
      name: 'start_time',
      required: true,
      type: 'timestamp',
      description:
        'Start of the call, ISO 8601 with offset (read as UTC when the offset is missing).',
      example: '2026-01-14T18:22:05Z',
    }),
    column({
      name: 'duration_seconds',
      type: 'integer',
      description: 'Duration in whole seconds (0 for a message).',
      example: '143',
    }),
    column({
      name: 'call_type',
      type: 'enum',
      enumValues: ['VOICE', 'SMS'],
      description: 'VOICE or SMS.',
      example: 'VOICE',
    }),
    column({
      name: 'carrier',
      type: 'text',
      description: 'Carrier that produced the record.',
      example: 'Example Wireless',
    }),
    column({
      name: 'cell_site',
      type: 'text',
      description: 'Cell site (tower and sector) that served the call.',
      example: 'BOS-0417-2',
    }),
  ]),
};
