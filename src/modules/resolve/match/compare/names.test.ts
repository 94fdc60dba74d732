import { describe, expect, it } from 'vitest';
import { RecordStore } from '../store';
import { dateLevel, DATE_LEVEL } from './dates';
import { isSwapped, nameLevel, NAME_LEVEL } from './names';
import { parseBirthDate } from '../normalize';
import { buildRecord } from '../testing';

function names(...raw: string[]) {
  const s = new RecordStore();
  s.add(raw.map((r) => buildRecord({ givenName: r })));
  return raw.map((_, i) => s.names.feats[s.given.ids[i]!]!);
}

describe('name comparison levels', () => {
  it('orders exact, variant, Jaro–Winkler bands, phonetic, initial, other', () => {
    const [maria, mariaAccent, bob, robert, naka, nake, jon, jhon, j, farid, ivan, schmidt, smyth] =
      names(
        'Maria',
        'MARÍA',
        'Bob',
        'Robert',
        'Nakamura',
        'Nakamure',
        'Catherine',
        'Kathryn',
        'C',
        'Farid',
        'Ivan',
        'Schmidt',
        'Smyth',
      );
    expect(nameLevel(maria!, mariaAccent!)).toBe(NAME_LEVEL.exact);
    expect(nameLevel(bob!, robert!)).toBe(NAME_LEVEL.variant);
    expect(nameLevel(naka!, nake!)).toBe(NAME_LEVEL.jwHigh);
    expect(nameLevel(schmidt!, smyth!)).toBe(NAME_LEVEL.phonetic);
    expect(nameLevel(jon!, jhon!)).toBe(NAME_LEVEL.variant); // nickname group: Catherine/Kathryn
    expect(nameLevel(j!, jon!)).toBe(NAME_LEVEL.initial);
    expect(nameLevel(farid!, ivan!)).toBe(NAME_LEVEL.other);
  });

  it('puts the Jaro–Winkler boundaries where they are declared', () => {
    const [a, b, c, d] = names('Dwayne', 'Duane', 'Martha', 'Marhta');
    expect(nameLevel(c!, d!)).toBe(NAME_LEVEL.jwHigh); // 0.961 ≥ 0.92
    expect(nameLevel(a!, b!)).not.toBe(NAME_LEVEL.jwMid); // 0.84 < 0.88
  });

  it('treats a transliterated name as the same name', () => {
    const [cyr, lat, ar, en] = names('Иванов', 'Ivanov', 'محمد', 'Mohammed');
    expect(nameLevel(cyr!, lat!)).toBe(NAME_LEVEL.exact);
    expect(nameLevel(ar!, en!)).toBe(NAME_LEVEL.phonetic); // consonant skeleton m-h-m-d
  });

  it('recognises swapped given and family names, and only then', () => {
    const s = new RecordStore();
    s.add([
      buildRecord({ givenName: 'Wei', familyName: 'Zhang' }),
      buildRecord({ givenName: 'Zhang', familyName: 'Wei' }),
      buildRecord({ givenName: 'Wei', familyName: 'Zhang' }),
    ]);
    const parts = (i: number) => ({
      given: s.names.feats[s.given.ids[i]!]!,
      family: s.names.feats[s.family.ids[i]!]!,
    });
    expect(isSwapped(parts(0), parts(1))).toBe(true);
    expect(isSwapped(parts(0), parts(2))).toBe(false);
  });
});

describe('date of birth levels', () => {
  const d = (s: string) => parseBirthDate(s)!;
  it('grades exact, transposed, typo, other year, other day or month, two edits, same year, other', () => {
    expect(dateLevel(d('1980-04-12'), d('1980-04-12'))).toBe(DATE_LEVEL.exact);
    expect(dateLevel(d('1980-04-12'), d('1980-12-04'))).toBe(DATE_LEVEL.transposed);
    expect(dateLevel(d('1980-04-12'), d('1980-04-13'))).toBe(DATE_LEVEL.oneEdit);
    expect(dateLevel(d('1980-04-12'), d('1975-04-12'))).toBe(DATE_LEVEL.otherYear);
    expect(dateLevel(d('1980-04-12'), d('1980-04-27'))).toBe(DATE_LEVEL.otherDayOrMonth);
    expect(dateLevel(d('1980-04-12'), d('1981-04-21'))).toBe(DATE_LEVEL.twoEdits);
    expect(dateLevel(d('1980-04-12'), d('1980-09-30'))).toBe(DATE_LEVEL.sameYear);
    expect(dateLevel(d('1980-04-12'), d('1955-09-30'))).toBe(DATE_LEVEL.other);
  });

  it('does not call equal day and month a transposition', () => {
    expect(dateLevel(d('1980-05-05'), d('1980-05-05'))).toBe(DATE_LEVEL.exact);
    expect(dateLevel(d('1980-05-05'), d('1981-05-05'))).not.toBe(DATE_LEVEL.transposed);
  });

  it('keeps impossible and malformed dates comparable', () => {
    const bad = d('19081329');
    expect(bad.valid).toBe(false);
    expect(bad.digits).toBe('19081329');
    expect(dateLevel(bad, d('1908-12-29'))).toBe(DATE_LEVEL.oneEdit);
    expect(dateLevel(d('12/04/1980'), d('1980-04-12'))).toBe(DATE_LEVEL.exact);
  });
});
