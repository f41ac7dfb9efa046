/**
 * Image Builder reports step times as plain strings (its model has no timestamp type); they are
 * ISO 8601 in practice. A string that is not a date reads as null rather than failing the query.
 */
export function parseDateTime(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
