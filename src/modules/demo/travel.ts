import { addYears, type Day } from './dates';
import { admit, claim, earlierTrips, overstayLength, tripCount, type PlanCtx } from './plan-utils';
import { removalEvents } from './enforcement';
import type { Admission } from './types';

// Visitors: B-1/B-2 with a visa, WT/WB under the Visa Waiver Program.

interface VisitTerms {
  cls: string;
  allowance: number; // days from admission to the admit-until date
}

function visitTerms(ctx: PlanCtx, vwp: boolean): VisitTerms {
  const { rng } = ctx;
  if (vwp) return { cls: rng.chance(0.85) ? 'WT' : 'WB', allowance: 89 };
  const cls = rng.chance(0.8) ? 'B2' : 'B1';
  return { cls, allowance: cls === 'B2' ? 182 : rng.pick([29, 59, 89, 182]) };
}

/** Admission day for a trip whose admit-until date should fall in [lo, hi]. */
function adForAud(ctx: PlanCtx, allowance: number, lo: Day, hi: Day): Day {
  const start = ctx.world.start + 30;
  return Math.max(start, ctx.rng.int(lo, hi) - allowance);
}

function stay(ctx: PlanCtx, t: VisitTerms): number {
  return ctx.rng.int(3, Math.min(t.allowance - 1, 45));
}

/** The last trip of a visitor, shaped by the scenario; returns that admission. */
function finalVisit(ctx: PlanCtx, name: string, t: VisitTerms): Admission {
  const { world, rng } = ctx;
  const aod = world.aod;
  const base = { cls: t.cls, scenario: name };
  const key = name.replace(/^(B|WT)_/, '');
  switch (key) {
    case 'COMPLIANT': {
      const ad = rng.int(world.start + 400, aod - 60);
      return admit(ctx, {
        ...base,
        ad,
        aud: ad + t.allowance,
        dep: ad + stay(ctx, t),
        intended: 'COMPLIANT_DEPARTURE',
      });
    }
    case 'IN_STATUS': {
      const ad = rng.int(aod - t.allowance + 3, aod - 1);
      return admit(ctx, { ...base, ad, aud: ad + t.allowance, intended: 'IN_STATUS' });
    }
    case 'OUT_OF_COUNTRY_OVERSTAY': {
      const late = overstayLength(rng, 400);
      const ad = rng.int(world.start + 30, aod - 1 - late - t.allowance);
      return admit(ctx, {
        ...base,
        ad,
        aud: ad + t.allowance,
        dep: ad + t.allowance + late,
        intended: 'OUT_OF_COUNTRY_OVERSTAY',
      });
    }
    case 'IN_COUNTRY_OVERSTAY': {
      const over = overstayLength(rng, 1800);
      const ad = Math.max(world.start + 30, aod - over - t.allowance);
      return admit(ctx, {
        ...base,
        ad,
        aud: ad + t.allowance,
        intended: 'SUSPECTED_IN_COUNTRY_OVERSTAY',
      });
    }
    default:
      return extensionVisit(ctx, name, key, t);
  }
}

/** Visits shaped by a request to extend the stay (I-539). */
function extensionVisit(ctx: PlanCtx, name: string, key: string, t: VisitTerms): Admission {
  const { world, rng } = ctx;
  const aod = world.aod;
  const base = { cls: t.cls, scenario: name };
  switch (key) {
    case 'EXTENSION_PENDING': {
      const ad = adForAud(ctx, t.allowance, aod - 250, aod - 5);
      const a = admit(ctx, { ...base, ad, aud: ad + t.allowance, intended: 'PENDING_BENEFIT' });
      claim(
        ctx,
        'I-539',
        a,
        t.cls,
        rng.int(Math.max(ad + 5, ad + t.allowance - 60), ad + t.allowance),
        'PENDING',
      );
      return a;
    }
    case 'EXTENSION_APPROVED': {
      const ad = adForAud(ctx, t.allowance, aod - 700, aod - 200);
      const aud = ad + t.allowance;
      const received = rng.int(Math.max(ad + 5, aud - 60), aud);
      const decision = received + rng.int(30, 150);
      const until = aud + 182;
      const dep = rng.int(Math.max(aud, decision) + 1, Math.min(until, aod - 1));
      const a = admit(ctx, { ...base, ad, aud, dep, intended: 'COMPLIANT_DEPARTURE' });
      claim(ctx, 'I-539', a, t.cls, received, 'APPROVED', decision, until);
      return a;
    }
    case 'EXTENSION_DENIED_STAYED':
    case 'EXTENSION_DENIED_LEFT_LATE': {
      const ad = adForAud(ctx, t.allowance, aod - 900, aod - 260);
      const aud = ad + t.allowance;
      const received = rng.int(Math.max(ad + 5, aud - 60), aud);
      const decision = received + rng.int(40, 200);
      const left = key === 'EXTENSION_DENIED_LEFT_LATE';
      const a = admit(ctx, {
        ...base,
        ad,
        aud,
        dep: left ? decision + rng.int(1, 50) : null,
        intended: left ? 'OUT_OF_COUNTRY_OVERSTAY' : 'SUSPECTED_IN_COUNTRY_OVERSTAY',
      });
      claim(ctx, 'I-539', a, t.cls, received, 'DENIED', decision);
      return a;
    }
    case 'EXTENSION_UNTIMELY': {
      const ad = adForAud(ctx, t.allowance, aod - 700, aod - 60);
      const aud = ad + t.allowance;
      const a = admit(ctx, { ...base, ad, aud, intended: 'SUSPECTED_IN_COUNTRY_OVERSTAY' });
      claim(ctx, 'I-539', a, t.cls, rng.int(aud + 1, Math.min(aud + 120, aod - 1)), 'PENDING');
      return a;
    }
    case 'I539_NO_EFFECT': {
      const ad = adForAud(ctx, t.allowance, aod - 600, aod - 30);
      const aud = ad + t.allowance;
      const a = admit(ctx, { ...base, ad, aud, intended: 'SUSPECTED_IN_COUNTRY_OVERSTAY' });
      claim(ctx, 'I-539', a, 'B2', rng.int(ad + 20, aud), 'PENDING');
      return a;
    }
    default:
      return adjustmentVisit(ctx, name, key, t);
  }
}

/** Visits that end in an application to adjust status (I-485). */
function adjustmentVisit(ctx: PlanCtx, name: string, key: string, t: VisitTerms): Admission {
  const { world, rng } = ctx;
  const aod = world.aod;
  const base = { cls: t.cls, scenario: name };
  switch (key) {
    case 'AOS_AFTER_AED': {
      const ad = adForAud(ctx, t.allowance, aod - 1500, aod - 60);
      const aud = ad + t.allowance;
      const a = admit(ctx, { ...base, ad, aud, intended: 'OVERSTAY_ACCRUAL_STOPPED_AOS' });
      const received = rng.int(aud + 1, aod - 1);
      claim(ctx, 'I-485', a, 'LPR', received, 'PENDING');
      const ead = received + 150;
      if (ead < aod) claim(ctx, 'I-765', a, 'C09', received, 'APPROVED', ead, addYears(ead, 2));
      else claim(ctx, 'I-765', a, 'C09', received, 'PENDING');
      ctx.life.tags.add('spouse_us_citizen');
      return a;
    }
    case 'AOS_TIMELY':
    case 'AOS_IMMEDIATE_RELATIVE': {
      const ad = adForAud(ctx, t.allowance, aod - 300, aod - 5);
      const aud = ad + t.allowance;
      const a = admit(ctx, { ...base, ad, aud, intended: 'PENDING_BENEFIT' });
      claim(ctx, 'I-485', a, 'LPR', rng.int(Math.max(ad + 10, aud - 80), aud), 'PENDING');
      ctx.life.tags.add('spouse_us_citizen');
      return a;
    }
    default:
      return unusualVisit(ctx, name, key, t);
  }
}

function unusualVisit(ctx: PlanCtx, name: string, key: string, t: VisitTerms): Admission {
  const { world, rng } = ctx;
  const aod = world.aod;
  const base = { cls: t.cls, scenario: name };
  switch (key) {
    case 'REMOVED': {
      const ad = adForAud(ctx, t.allowance, aod - 1500, aod - 200);
      const aud = ad + t.allowance;
      const encounter = rng.int(aud + 60, aod - 60);
      const removal = encounter + rng.int(20, 50);
      ctx.life.enforcement.push(...removalEvents(ctx, encounter, removal));
      ctx.life.tags.add('enforcement');
      if (!ctx.life.person.aNumber) ctx.life.person.aNumber = world.ids.aNumber();
      return admit(ctx, {
        ...base,
        ad,
        aud,
        dep: removal,
        removal: true,
        intended: 'OUT_OF_COUNTRY_OVERSTAY',
      });
    }
    case 'EXIT_NOT_RECORDED': {
      // Trip one left by land or the carrier's manifest never arrived; trip two proves the exit.
      const ad2 = rng.int(aod - 700, aod - 60);
      const ad1 = ad2 - rng.int(t.allowance + 30, t.allowance + 500);
      admit(ctx, {
        ...base,
        ad: Math.max(world.start, ad1),
        aud: Math.max(world.start, ad1) + t.allowance,
        intended: 'SUSPECTED_IN_COUNTRY_OVERSTAY',
      });
      return admit(ctx, {
        ...base,
        ad: ad2,
        aud: ad2 + t.allowance,
        dep: ad2 + stay(ctx, t),
        intended: 'COMPLIANT_DEPARTURE',
      });
    }
    default:
      return vwpDataErrorVisit(ctx, name, key, t);
  }
}

/** Visa Waiver admissions with a faulty admit-until date: missing, or beyond the 90-day cap. */
function vwpDataErrorVisit(ctx: PlanCtx, name: string, key: string, t: VisitTerms): Admission {
  const { world, rng } = ctx;
  const aod = world.aod;
  const base = { cls: t.cls, scenario: name };
  switch (key) {
    case 'MISSING_AUD_DEPARTED': {
      const ad = rng.int(world.start + 400, aod - 60);
      return admit(ctx, {
        ...base,
        ad,
        aud: null,
        dep: ad + stay(ctx, t),
        intended: 'COMPLIANT_DEPARTURE',
      });
    }
    case 'MISSING_AUD_STAYED': {
      const ad = Math.max(world.start + 30, aod - 89 - overstayLength(rng, 900));
      return admit(ctx, { ...base, ad, aud: null, intended: 'SUSPECTED_IN_COUNTRY_OVERSTAY' });
    }
    case 'AUD_EXCEEDS_CAP': {
      // A keying error gave a 180-day I-94 to a Visa Waiver entrant; the 90-day cap still applies.
      const ad = rng.int(world.start + 400, aod - 200);
      return admit(ctx, {
        ...base,
        ad,
        aud: ad + 179,
        dep: ad + rng.int(100, 170),
        intended: 'OUT_OF_COUNTRY_OVERSTAY',
      });
    }
    default:
      throw new Error(`visitor scenario without a plan: ${name}`);
  }
}

export function planVisitor(ctx: PlanCtx, name: string): void {
  const vwp = name.startsWith('WT_');
  const terms = visitTerms(ctx, vwp);
  const last = finalVisit(ctx, name, terms);
  const first = ctx.life.admissions[0] ?? last;
  earlierTrips(
    ctx,
    terms.cls,
    terms.allowance,
    tripCount(ctx.rng),
    first.ad,
    `${name}:EARLIER_TRIP`,
  );
  if (
    last.intended !== 'COMPLIANT_DEPARTURE' &&
    last.intended !== 'IN_STATUS' &&
    last.departure === null
  )
    ctx.life.usSince = last.ad;
}
