import { isRecord } from '../api/client';

export interface DetailLine {
  field: string | null;
  message: string;
}

// The server's `details` for a validation error is not pinned down by the
// contract; accept the shapes zod and hand-written handlers commonly produce.
export function detailLines(details: unknown): DetailLine[] {
  if (Array.isArray(details)) return details.flatMap(issueLine);
  if (!isRecord(details)) return [];
  if (isRecord(details.fieldErrors) || Array.isArray(details.formErrors)) {
    const form = Array.isArray(details.formErrors) ? details.formErrors.filter(isString) : [];
    const fields = isRecord(details.fieldErrors) ? fieldMapLines(details.fieldErrors) : [];
    return [...form.map((message) => ({ field: null, message })), ...fields];
  }
  if (Array.isArray(details.issues)) return details.issues.flatMap(issueLine);
  return fieldMapLines(details);
}

/** The first message for each field, to show under the matching input. */
export function fieldErrors(details: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of detailLines(details)) {
    // `roles.0` belongs under the roles input.
    const field = line.field?.split('.')[0];
    if (field && !(field in result)) result[field] = line.message;
  }
  return result;
}

function issueLine(issue: unknown): DetailLine[] {
  if (typeof issue === 'string') return [{ field: null, message: issue }];
  if (!isRecord(issue) || typeof issue.message !== 'string') return [];
  const path = issue.path;
  let field: string | null = null;
  if (Array.isArray(path) && path.length > 0) field = path.map(String).join('.');
  else if (typeof path === 'string') field = pointerToField(path);
  else if (typeof issue.field === 'string') field = issue.field;
  return [{ field, message: issue.message }];
}

/** A JSON pointer such as `/roles/0` as `roles.0`; the root (`/` or empty) is no field. */
function pointerToField(pointer: string): string | null {
  const field = pointer.replace(/^\//, '').split('/').filter(Boolean).join('.');
  return field || null;
}

function fieldMapLines(map: Record<string, unknown>): DetailLine[] {
  return Object.entries(map).flatMap(([field, value]) => {
    const messages = Array.isArray(value) ? value.filter(isString) : isString(value) ? [value] : [];
    return messages.map((message) => ({ field, message }));
  });
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
