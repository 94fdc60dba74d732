import type { SourceDefinition } from '../source-types';
import {
  aNumber,
  admissionNumber,
  birthDate,
  column,
  familyName,
  givenName,
  recordId,
  withSpec,
} from './columns';

export const claims: SourceDefinition = {
  name: 'claims',
  system: 'CLAIMS 3',
  title: 'CLAIMS 3 benefit applications',
  description:
    'USCIS benefit applications and petitions (CLAIMS 3 / Benefits Information Systems): one row per receipt, with its current status. An approved extension or change of status moves the end of the authorized stay to approved_until_date.',
  exemptions: [],
  columns: [
    recordId('CLM-2024-00431876'),
    column({
      name: 'receipt_number',
      type: 'identifier',
      identifierKind: 'receipt_number',
      required: true,
      description:
        'USCIS receipt number: 3 letters for the service center (EAC, WAC, LIN, SRC, IOE, MSC) and 10 digits.',
      example: 'EAC2490123456',
    }),
    column({
      name: 'form_type',
      type: 'text',
      pattern: '^I-\\d{2,4}[A-Z]?$',
      required: true,
      description: 'Form filed: I-539, I-129, I-485, I-765 ...',
      example: 'I-539',
    }),
    withSpec(familyName, { required: true }),
    givenName,
    birthDate,
    aNumber,
    withSpec(admissionNumber, {
      description: 'I-94 admission number of the stay the application concerns: 11 digits.',
    }),
    column({
      name: 'requested_class',
      type: 'text',
      description:
        'Class or benefit requested (e.g. B2 for an extension, H1B for a change of status).',
      example: 'B2',
    }),
    column({
      name: 'received_date',
      type: 'date',
      description: 'Date USCIS received the application, YYYY-MM-DD.',
      example: '2024-11-04',
    }),
    column({
      name: 'status',
      type: 'enum',
      enumValues: ['PENDING', 'APPROVED', 'DENIED', 'WITHDRAWN'],
      required: true,
      description: 'PENDING, APPROVED, DENIED or WITHDRAWN.',
      example: 'APPROVED',
    }),
    column({
      name: 'decision_date',
      type: 'date',
      description: 'Date of the decision, YYYY-MM-DD (empty while pending).',
      example: '2025-01-21',
    }),
    column({
      name: 'approved_until_date',
      type: 'date',
      description: 'For an approved extension or change of status: new end of stay, YYYY-MM-DD.',
      example: '2025-08-18',
    }),
  ],
  dateOrder: [
    { earlier: 'received_date', later: 'decision_date' },
    { earlier: 'birth_date', later: 'received_date' },
  ],
};
