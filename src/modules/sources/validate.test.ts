import { describe, expect, it } from 'vitest';
import { getSource, listSources } from './registry';
import { sampleRow } from './samples';
import type { RowFlag, SourceDefinition, ValidateResult } from './source-types';
import { recordMarkings, validateRow } from './validate';

const arrivals = getSource('adis-arrivals');

function accepted(r: ValidateResult): Extract<ValidateResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected the row to be accepted, got: ${r.reason}`);
  return r;
}

function flagOf(r: ValidateResult, field: string): RowFlag | undefined {
  return accepted(r).flags.find((f) => f.field === field);
}

/** A valid row of the source with some values changed. */
function row(
  def: SourceDefinition,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return sampleRow(def, overrides);
}

describe('validateRow: every definition', () => {
  it.each(listSources().map((d) => [d.name, d] as const))(
    '%s: its documented example row is accepted with no flags',
    (_name, def) => {
      const r = accepted(validateRow(def, row(def), { legalProcessRef: undefined }));
      expect(r.flags).toEqual([]);
      expect(r.values.record_id).toBe(def.columns[0]?.example);
      expect(Object.keys(r.values)).toEqual(def.columns.map((c) => c.name));
    },
  );
});

describe('validateRow: rejects', () => {
  it.each(['', '   ', undefined])('rejects a row whose record_id is %j', (id) => {
    const raw = row(arrivals);
    if (id === undefined) delete raw.record_id;
    else raw.record_id = id;
    expect(validateRow(arrivals, raw)).toEqual({ ok: false, reason: 'missing record_id' });
  });

  it('accepts a row missing another required value, flagged MISSING_REQUIRED', () => {
    const r = validateRow(arrivals, row(arrivals, { family_name: '', admission_date: ' ' }));
    expect(accepted(r).values.family_name).toBeNull();
    expect(flagOf(r, 'family_name')?.code).toBe('MISSING_REQUIRED');
    expect(flagOf(r, 'admission_date')).toMatchObject({ code: 'MISSING_REQUIRED', value: ' ' });
  });

  it('does not flag missing optional values', () => {
    const raw = row(arrivals, { given_name: '', sevis_id: '', visa_foil_number: '' });
    delete raw.passport_country;
    const r = accepted(validateRow(arrivals, raw));
    expect(r.flags).toEqual([]);
    expect(r.values.passport_country).toBeNull();
    expect(r.values.given_name).toBeNull();
  });
});

describe('validateRow: malformed values are flagged, kept as received, and typed null', () => {
  it.each([
    ['birth_date', '1956-02-30', 'INVALID_DATE'],
    ['admission_date', '2023-02-29', 'INVALID_DATE'],
    ['birth_date', '12/07/1994', 'INVALID_DATE'],
    ['citizenship_country', 'XYZ', 'UNKNOWN_COUNTRY'],
    ['passport_country', 'NG', 'UNKNOWN_COUNTRY'],
    ['passport_number', 'A48#7736', 'INVALID_IDENTIFIER'],
    ['passport_number', 'A48\u00a07736!', 'INVALID_IDENTIFIER'],
    ['admission_number', '5348201761', 'INVALID_IDENTIFIER'],
    ['sevis_id', 'N12345', 'INVALID_IDENTIFIER'],
    ['class_of_admission', 'Z9', 'INVALID_ENUM'],
    ['mode', 'rail', 'INVALID_ENUM'],
    ['sex', 'Q', 'INVALID_SEX'],
  ])('%s %j → %s', (field, value, code) => {
    const raw = row(arrivals, { [field]: value });
    const r = validateRow(arrivals, raw);
    const f = flagOf(r, field);
    expect(f?.code).toBe(code);
    expect(f?.value).toBe(value);
    expect(f?.message).toContain(value);
    expect(accepted(r).values[field]).toBeNull();
    expect(raw[field]).toBe(value);
  });

  it('accepts 2024-02-29 but not 2023-02-29', () => {
    expect(
      flagOf(validateRow(arrivals, row(arrivals, { birth_date: '2024-02-29' })), 'birth_date'),
    ).toBeUndefined();
    expect(
      flagOf(validateRow(arrivals, row(arrivals, { birth_date: '2023-02-29' })), 'birth_date')
        ?.code,
    ).toBe('INVALID_DATE');
  });

  it('normalizes enums, identifiers, countries and names without flags', () => {
    const r = accepted(
      validateRow(
        arrivals,
        row(arrivals, {
          class_of_admission: 'f-1',
          mode: 'AIR',
          passport_number: 'a481 7736',
          citizenship_country: 'nga',
          family_name: '  Okonkwo   Rivera ',
          sex: 'female',
        }),
      ),
    );
    expect(r.flags).toEqual([]);
    expect(r.values).toMatchObject({
      class_of_admission: 'F1',
      mode: 'air',
      passport_number: 'A4817736',
      citizenship_country: 'NGA',
      family_name: 'Okonkwo Rivera',
      sex: 'F',
    });
  });

  it('reads the combined visa as written on a foil (B1/B2, C1/D) as its class', () => {
    const visas = getSource('ccd-visas');
    for (const [written, canonical] of [['B1/B2', 'B1B2'], ['c1/d', 'C1D']] as const) {
      const r = accepted(validateRow(visas, row(visas, { visa_class: written })));
      expect(r.flags).toEqual([]);
      expect(r.values['visa_class']).toBe(canonical);
    }
  });

  it('flags an admit-until date before the admission date (both kept)', () => {
    const r = validateRow(
      arrivals,
      row(arrivals, { admission_date: '2024-08-19', admit_until_date: '2024-08-18' }),
    );
    expect(flagOf(r, 'admit_until_date')).toMatchObject({
      code: 'DATE_ORDER',
      value: '2024-08-18',
    });
    expect(accepted(r).values.admit_until_date).toBe('2024-08-18');
    const same = validateRow(
      arrivals,
      row(arrivals, { admission_date: '2024-08-19', admit_until_date: '2024-08-19' }),
    );
    expect(accepted(same).flags).toEqual([]);
  });

  it('skips the date-order check when one of the dates is malformed', () => {
    const r = accepted(
      validateRow(
        arrivals,
        row(arrivals, { admission_date: '2024-02-30', admit_until_date: '2024-01-01' }),
      ),
    );
    expect(r.flags.map((f) => f.code)).toEqual(['INVALID_DATE']);
  });

  it('keeps extra columns out of values (they stay in raw)', () => {
    const raw = { ...row(arrivals), remarks: 'sent twice' };
    expect(accepted(validateRow(arrivals, raw)).values).not.toHaveProperty('remarks');
  });
});

describe('validateRow: other column types', () => {
  const cdr = getSource('cdr');
  const tecs = getSource('tecs');
  const tips = getSource('tips');
  const ccd = getSource('ccd-visas');
  const claims = getSource('claims');

  it('types integers and decimals, and flags what is not a number', () => {
    expect(
      accepted(validateRow(cdr, row(cdr, { duration_seconds: '143' }))).values.duration_seconds,
    ).toBe(143);
    expect(
      flagOf(validateRow(cdr, row(cdr, { duration_seconds: '14.5' })), 'duration_seconds')?.code,
    ).toBe('INVALID_NUMBER');
    expect(
      flagOf(validateRow(cdr, row(cdr, { duration_seconds: '1e3' })), 'duration_seconds')?.code,
    ).toBe('INVALID_NUMBER');
    expect(
      accepted(validateRow(tecs, row(tecs, { declared_value_usd: '1250.50' }))).values
        .declared_value_usd,
    ).toBe(1250.5);
    expect(
      flagOf(validateRow(tecs, row(tecs, { declared_value_usd: '1,250.50' })), 'declared_value_usd')
        ?.code,
    ).toBe('INVALID_NUMBER');
  });

  it('normalizes timestamps to UTC and flags bad ones', () => {
    const ok = accepted(validateRow(cdr, row(cdr, { start_time: '2026-01-14T13:22:05-05:00' })));
    expect(ok.values.start_time).toBe('2026-01-14T18:22:05.000Z');
    expect(
      flagOf(validateRow(cdr, row(cdr, { start_time: '2026-02-30T10:00:00Z' })), 'start_time')
        ?.code,
    ).toBe('INVALID_TIMESTAMP');
  });

  it('reads Y/N flags and flags anything else', () => {
    expect(
      accepted(validateRow(tips, row(tips, { confidential: 'yes' }))).values.confidential,
    ).toBe('Y');
    expect(
      flagOf(validateRow(tips, row(tips, { confidential: 'maybe' })), 'confidential')?.code,
    ).toBe('INVALID_FLAG');
  });

  it('checks text patterns (visa entries, form types)', () => {
    expect(accepted(validateRow(ccd, row(ccd, { entries: '2' }))).flags).toEqual([]);
    expect(flagOf(validateRow(ccd, row(ccd, { entries: 'many' })), 'entries')?.code).toBe(
      'INVALID_FORMAT',
    );
    expect(flagOf(validateRow(claims, row(claims, { form_type: 'I539' })), 'form_type')?.code).toBe(
      'INVALID_FORMAT',
    );
  });

  it('checks phone numbers in tips', () => {
    expect(
      flagOf(validateRow(tips, row(tips, { tipster_phone: '555-01' })), 'tipster_phone')?.code,
    ).toBe('INVALID_IDENTIFIER');
  });
});

describe('cdr: the legal process reference', () => {
  const cdr = getSource('cdr');

  it('marks a row without one as refusing the whole file', () => {
    const r = validateRow(cdr, row(cdr, { legal_process_ref: '' }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.refuseFile).toBe(true);
    expect(!r.ok && r.reason).toMatch(/whole file/);
  });

  it('uses the file-level reference for rows without their own', () => {
    const r = accepted(
      validateRow(cdr, row(cdr, { legal_process_ref: '' }), {
        legalProcessRef: 'court-order-2026-7',
      }),
    );
    expect(r.values.legal_process_ref).toBe('COURT-ORDER-2026-7');
    expect(r.flags).toEqual([]);
    const own = accepted(validateRow(cdr, row(cdr), { legalProcessRef: 'COURT-ORDER-2026-7' }));
    expect(own.values.legal_process_ref).toBe('SUBPOENA-2026-0142');
  });

  it('keeps a malformed reference as received and flags it, without refusing the file', () => {
    const r = validateRow(cdr, row(cdr, { legal_process_ref: 'see file' }));
    expect(flagOf(r, 'legal_process_ref')?.code).toBe('INVALID_IDENTIFIER');
  });
});

describe('recordMarkings', () => {
  it('marks rows by the sensitive columns that hold a value', () => {
    const commercial = getSource('commercial');
    expect(recordMarkings(commercial, row(commercial))).toEqual(['SSN']);
    expect(recordMarkings(commercial, row(commercial, { ssn: '' }))).toEqual([]);
    const tips = getSource('tips');
    expect(recordMarkings(tips, row(tips))).toEqual(['INFORMANT']);
    expect(
      recordMarkings(tips, row(tips, { tipster_name: '', tipster_phone: '', tipster_email: '' })),
    ).toEqual([]);
  });

  it('marks every cdr record CDR', () => {
    const cdr = getSource('cdr');
    expect(recordMarkings(cdr, { record_id: 'X1' })).toEqual(['CDR']);
  });
});
