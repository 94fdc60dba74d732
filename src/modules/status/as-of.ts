import { AppError } from '../../shared/errors';
import { parseDay } from './engine';

/** An AOD must be a real calendar date written YYYY-MM-DD. */
export function checkAsOf(asOf: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(parseDay(asOf))) {
    throw new AppError('VALIDATION_FAILED', `The as-of date must be a real date written YYYY-MM-DD, not "${asOf}".`);
  }
  return asOf;
}

/** Today's date in UTC. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
