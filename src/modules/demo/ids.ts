import { Rng } from './rng';
import { RECORD_ID_PREFIX, type SourceName } from './columns';
import { EXTRA_AREA_CODES, METROS } from './geo';

const ALL_AREA_CODES = [...new Set([...METROS.flatMap((m) => m.areaCodes), ...EXTRA_AREA_CODES])];

// Identifiers must be unique across the whole world and look random. Drawing random digits
// would collide (birthday problem) at a million persons, so each kind of identifier is a
// counter pushed through an affine permutation of its number space: unique by construction,
// scattered in appearance, and different for every seed.

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export class Scrambler {
  private readonly space: bigint;
  private readonly mult: bigint;
  private readonly offset: bigint;
  private counter = 0;

  constructor(space: number, rng: Rng) {
    this.space = BigInt(space);
    let mult = BigInt(Math.floor(space * (0.3 + rng.next() * 0.4))) | 1n;
    while (gcd(mult, this.space) !== 1n) mult += 2n;
    this.mult = mult;
    this.offset = BigInt(Math.floor(rng.next() * space));
  }

  /** The next value in [0, space); throws when the space is exhausted. */
  next(): number {
    if (BigInt(this.counter) >= this.space) throw new Error('identifier space exhausted');
    const v = (BigInt(this.counter++) * this.mult + this.offset) % this.space;
    return Number(v);
  }
}

const RECEIPT_CENTERS = ['EAC', 'WAC', 'LIN', 'SRC', 'IOE', 'MSC'] as const;
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export class IdFactory {
  private readonly admission: Scrambler;
  private readonly foil: Scrambler;
  private readonly sevis: Scrambler;
  private readonly alien: Scrambler;
  private readonly finNumbers: Scrambler;
  private readonly receipts: Scrambler;
  private readonly ssns: Scrambler;
  private readonly passports: Scrambler;
  private readonly plates: Scrambler;
  private readonly dsoIds: Scrambler;
  private readonly recordCounters = new Map<SourceName, number>();
  private readonly phoneLines = new Map<string, Scrambler>();
  private readonly phoneUsed = new Map<string, number>();
  private readonly rng: Rng;

  constructor(seed: number) {
    this.rng = Rng.derive(seed, 'ids');
    this.admission = new Scrambler(9e10, this.rng);
    this.foil = new Scrambler(9e7, this.rng);
    this.sevis = new Scrambler(1e8, this.rng);
    this.alien = new Scrambler(1e8, this.rng);
    this.finNumbers = new Scrambler(9e9, this.rng);
    this.receipts = new Scrambler(1e8, this.rng);
    this.ssns = new Scrambler(100 * 99 * 9999, this.rng);
    this.passports = new Scrambler(1e8, this.rng);
    this.plates = new Scrambler(23 ** 3 * 1e4, this.rng);
    this.dsoIds = new Scrambler(1e7, this.rng);
  }

  recordId(source: SourceName): string {
    const n = (this.recordCounters.get(source) ?? 0) + 1;
    this.recordCounters.set(source, n);
    return `${RECORD_ID_PREFIX[source]}${String(n).padStart(9, '0')}`;
  }

  /** 11 digits, never starting with 0. */
  admissionNumber(): string {
    return String(1e10 + this.admission.next());
  }

  /** 8 digits, never starting with 0. */
  visaFoil(): string {
    return String(1e7 + this.foil.next());
  }

  sevisId(): string {
    return `N00${String(this.sevis.next()).padStart(8, '0')}`;
  }

  aNumber(): string {
    return `A2${String(this.alien.next()).padStart(8, '0')}`;
  }

  fin(): string {
    return String(1e9 + this.finNumbers.next());
  }

  receipt(fiscalYear: number, center?: string): string {
    const prefix = center ?? this.rng.pick(RECEIPT_CENTERS);
    const yy = String(fiscalYear % 100).padStart(2, '0');
    return `${prefix}${yy}${String(this.receipts.next()).padStart(8, '0')}`;
  }

  /** Area 900-999: never issued as an SSN, so it cannot be anyone's real number. */
  ssn(): string {
    const v = this.ssns.next();
    const serial = (v % 9999) + 1;
    const group = (Math.floor(v / 9999) % 99) + 1;
    const area = 900 + Math.floor(v / (9999 * 99));
    return `${area}-${String(group).padStart(2, '0')}-${String(serial).padStart(4, '0')}`;
  }

  /** Passport number in a country's usual shape: 6-9 upper-case letters and digits. */
  passport(country: string): string {
    const n = this.passports.next();
    const d8 = String(n).padStart(8, '0');
    // hi + lo7 together determine n, so every shape below stays unique.
    const hi = LETTERS[Math.floor(n / 1e7)] ?? 'Z';
    const lo7 = String(n % 1e7).padStart(7, '0');
    switch (country) {
      case 'CHN':
        return `E${d8}`;
      case 'RUS':
        return `7${d8}`;
      case 'GBR':
      case 'USA':
      case 'AUS':
        return `5${d8}`;
      case 'MEX':
        return `G${d8}`;
      case 'KOR':
        return `M${d8}`;
      case 'DEU':
        return `C${hi}${lo7}`;
      case 'JPN':
        return `T${hi}${lo7}`;
      default:
        return `${hi}${lo7}`;
    }
  }

  /**
   * A U.S. number in a fictional range: exchange 555 with lines 0100-0199 first (reserved
   * for fiction), then other 555 lines, which are not assigned to subscribers.
   */
  usPhone(areaCodes: readonly string[]): string {
    return this.phoneIn(areaCodes) ?? this.phoneIn(ALL_AREA_CODES, true) ?? this.exhausted();
  }

  private exhausted(): never {
    throw new Error('fictional phone numbers exhausted');
  }

  private phoneIn(areaCodes: readonly string[], scan = false): string | null {
    const tries = scan ? areaCodes.length : areaCodes.length * 2;
    for (let i = 0; i < tries; i++) {
      const area = scan ? (areaCodes[i] as string) : this.rng.pick(areaCodes);
      const used = this.phoneUsed.get(area) ?? 0;
      if (used >= 10000) continue;
      this.phoneUsed.set(area, used + 1);
      let line: number;
      if (used < 100) {
        line = 100 + ((used * 37 + 11) % 100);
      } else {
        let scr = this.phoneLines.get(area);
        if (!scr) {
          scr = new Scrambler(9900, this.rng);
          this.phoneLines.set(area, scr);
        }
        const v = scr.next();
        line = v < 100 ? v : v + 100;
      }
      return `+1${area}555${String(line).padStart(4, '0')}`;
    }
    return null;
  }

  vehiclePlate(): string {
    const v = this.plates.next();
    const l1 = LETTERS[v % 23] ?? 'A';
    const l2 = LETTERS[Math.floor(v / 23) % 23] ?? 'B';
    const l3 = LETTERS[Math.floor(v / 529) % 23] ?? 'C';
    return `${l1}${l2}${l3}${String(Math.floor(v / 12167)).padStart(4, '0')}`;
  }

  dsoId(): string {
    return `DSO${String(this.dsoIds.next()).padStart(7, '0')}`;
  }
}
