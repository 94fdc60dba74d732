import type { SourceDefinition } from '../source-types';
import { column, designedColumns, phoneColumn, recordId } from './columns';

export const tips: SourceDefinition = {
  name: 'tips',
  system: 'tips',
  title: 'Tips from the public',
  description:
    'Tips received from the public about suspicious or potentially illegal activity: one row per tip. The subject_* columns describe the person the tip is about; the tipster_* columns identify the tipster and are PROTECTED (marked INFORMANT): shown only to users with need to know, never released to the subject.',
  exemptions: [],
  columns: designedColumns([
    recordId('TIP-2025-004417'),
    column({
      name: 'received_date',
      type: 'date',
      required: true,
      description: 'Date the tip was received, YYYY-MM-DD.',
      example: '2025-05-02',
    }),
    column({
      name: 'channel',
      type: 'enum',
      enumValues: ['PHONE', 'WEB', 'EMAIL', 'WALK_IN'],
      required: true,
      description: 'How the tip arrived: PHONE, WEB, EMAIL or WALK_IN.',
      example: 'WEB',
    }),
    column({
      name: 'narrative',
      type: 'text',
      required: true,
      description: "The tip in the tipster's words (may span several lines inside quotes).",
      example:
        'Says the subject stopped attending classes in March and works full time at a warehouse.',
    }),
    column({
      name: 'subject_family_name',
      type: 'name',
      description: 'Family name of the person the tip is about.',
      example: 'Okonkwo-Rivera',
    }),
    column({
      name: 'subject_given_name',
      type: 'name',
      description: 'Given name(s) of the person the tip is about.',
      example: 'Amara',
    }),
    column({
      name: 'subject_birth_date',
      type: 'date',
      description: 'Date of birth of the subject, YYYY-MM-DD, if the tipster gave it.',
      example: '',
    }),
    column({
      name: 'subject_citizenship_country',
      type: 'country',
      description: 'Citizenship of the subject, ISO 3166-1 alpha-3, if known.',
      example: 'NGA',
    }),
    phoneColumn('subject_phone', 'Telephone number of the subject, E.164.', '+16175550187'),
    column({
      name: 'subject_address',
      type: 'text',
      description: 'Address of the subject, one line.',
      example: '41 Elm Street, Boston, MA',
    }),
    column({
      name: 'subject_employer',
      type: 'text',
      role: 'employer',
      description: 'Employer of the subject named in the tip.',
      example: 'Quayside Warehousing Inc',
    }),
    column({
      name: 'subject_school_name',
      type: 'text',
      role: 'school',
      description: 'School of the subject named in the tip.',
      example: 'Harborview Institute of Technology',
    }),
    column({
      name: 'tipster_name',
      type: 'name',
      role: 'tipster',
      sensitivity: 'INFORMANT',
      description: 'PROTECTED. Name of the tipster (informant identity).',
      example: 'Dana Whitcombe',
    }),
    {
      ...phoneColumn(
        'tipster_phone',
        'PROTECTED. Telephone number of the tipster, E.164.',
        '+16175550111',
      ),
      role: 'tipster',
      sensitivity: 'INFORMANT',
    },
    column({
      name: 'tipster_email',
      type: 'identifier',
      identifierKind: 'email',
      role: 'tipster',
      sensitivity: 'INFORMANT',
      description: 'PROTECTED. E-mail address of the tipster.',
      example: 'dw.tips@example.net',
    }),
    column({
      name: 'confidential',
      type: 'flag',
      description: 'Y when the tipster asked for confidentiality, N otherwise.',
      example: 'Y',
    }),
  ]),
};
