import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PersonRows } from './fact-merge';
import { eachPerson, PersonBatchBuilder } from './person-batch';

const key = fc.string({ minLength: 1, maxLength: 8 });
const count = (pk: string) => fc.record({ pk: fc.constant(pk), n: fc.integer({ min: 1, max: 9 }) });
const person: fc.Arbitrary<PersonRows> = key.chain((pk) =>
  fc.record({
    key: fc.constant(pk),
    travel: fc.array(fc.record({ pk: fc.constant(pk), r: fc.string() }), { maxLength: 4 }),
    sevis: fc.array(fc.record({ pk: fc.constant(pk), sevis_id: fc.option(fc.string()) }), { maxLength: 3 }),
    claims: fc.array(fc.record({ pk: fc.constant(pk), receipt_number: fc.option(fc.string()) }), { maxLength: 2 }),
    enforcement: fc.array(fc.record({ pk: fc.constant(pk), event_type: fc.string(), n: fc.nat() }), { maxLength: 2 }),
    revocations: fc.array(count(pk), { maxLength: 1 }),
    lookouts: fc.array(count(pk), { maxLength: 1 }),
  }) as unknown as fc.Arbitrary<PersonRows>,
);

describe('a batch of persons', () => {
  it('gives back every person, rows and order as added, once structured-cloned', () => {
    fc.assert(
      fc.property(fc.array(fc.array(person, { maxLength: 6 }), { maxLength: 4 }), (batches) => {
        const builder = new PersonBatchBuilder();
        for (const persons of batches) {
          for (const p of persons) builder.add(p);
          expect(builder.size).toBe(persons.length);
          const back: PersonRows[] = [];
          eachPerson(structuredClone(builder.take()), (p) => back.push(p));
          expect(back).toEqual(persons);
          expect(builder.size).toBe(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
