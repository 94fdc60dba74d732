import type { SourceDefinition } from '../source-types';
import {
  birthDate,
  citizenshipCountry,
  column,
  designedColumns,
  familyName,
  givenName,
  passportCountry,
  passportNumber,
  recordId,
} from './columns';

export const tecs: SourceDefinition = {
  name: 'tecs',
  system: 'TECS',
  title: 'TECS border crossings, lookouts and import-export',
  description:
    'TECS: one row per border crossing, lookout, or customs import/export transaction. Crossings carry the port, direction and conveyance; lookouts their category and reason; import and export rows the commodity, declared value and counterparty (declared values are marked FINANCIAL).',
  // TECS's own system of records notice claims (j)(2) and (k)(2); its records keep them here.
  exemptions: ['(j)(2)', '(k)(2)'],
  columns: designedColumns([
    recordId('TECS-X-88120391'),
    column({
      name: 'record_type',
      type: 'enum',
      enumValues: ['CROSSING', 'LOOKOUT', 'IMPORT', 'EXPORT'],
      required: true,
      description: 'CROSSING, LOOKOUT, IMPORT or EXPORT.',
      example: 'CROSSING',
    }),
    column({
      name: 'event_date',
      type: 'date',
      required: true,
      description:
        'Date of the crossing or transaction, or the date the lookout was entered, YYYY-MM-DD.',
      example: '2025-02-11',
    }),
    familyName,
    givenName,
    birthDate,
    citizenshipCountry,
    passportNumber,
    passportCountry,
    column({
      name: 'port',
      type: 'text',
      description: 'Port code of the crossing or customs entry.',
      example: 'SYS',
    }),
    column({
      name: 'direction',
      type: 'enum',
      enumValues: ['INBOUND', 'OUTBOUND'],
      description: 'INBOUND or OUTBOUND (crossings).',
      example: 'OUTBOUND',
    }),
    column({
      name: 'conveyance',
      type: 'text',
      description: 'Conveyance: flight or vessel number, VEHICLE or PEDESTRIAN.',
      example: 'VEHICLE',
    }),
    column({
      name: 'vehicle_plate',
      type: 'identifier',
      identifierKind: 'vehicle_plate',
      description: 'Licence plate of the vehicle (compared upper-case without spaces or dashes).',
      example: 'CA7KQL219',
    }),
    column({
      name: 'lookout_category',
      type: 'text',
      description: 'Category of a lookout record.',
      example: '',
    }),
    column({
      name: 'lookout_reason',
      type: 'text',
      description: 'Reason the lookout was entered.',
      example: '',
    }),
    column({
      name: 'commodity',
      type: 'text',
      description: 'Goods imported or exported (description or HTS code).',
      example: '',
    }),
    column({
      name: 'declared_value_usd',
      type: 'decimal',
      sensitivity: 'FINANCIAL',
      description: 'Declared value of the goods in U.S. dollars (digits, optional decimal point).',
      example: '',
    }),
    column({
      name: 'counterparty',
      type: 'text',
      role: 'counterparty',
      description: 'Importer, exporter or consignee on the other side of the transaction.',
      example: '',
    }),
  ]),
  dateOrder: [{ earlier: 'birth_date', later: 'event_date' }],
};
