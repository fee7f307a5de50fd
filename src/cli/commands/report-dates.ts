import { isCalendarDate, salvoError, SalvoFailure } from '../../kernel/index.js';

/** The start of a UTC day `YYYY-MM-DD` (+ `plusDays`), as an ISO instant; a clear error naming the flag. */
export function dayStart(text: string, flag: string, plusDays = 0): string {
  if (!isCalendarDate(text))
    throw new SalvoFailure(
      salvoError('INVALID_INPUT', `${flag} '${text}' is not a date (YYYY-MM-DD, UTC)`, [
        { field: flag, reason: 'not YYYY-MM-DD' },
      ]),
    );
  const d = new Date(`${text}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d.toISOString();
}

/** `--from` inclusive and `--to` inclusive days as a [from, to) pair of instants; refuses to < from. */
export function period(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  const f = from === undefined ? undefined : dayStart(from, '--from');
  const t = to === undefined ? undefined : dayStart(to, '--to', 1);
  if (f && t && t <= f)
    throw new SalvoFailure(
      salvoError('INVALID_INPUT', `--to ${to} is before --from ${from}`, [
        { field: '--to', reason: 'before --from' },
      ]),
    );
  return { ...(f ? { from: f } : {}), ...(t ? { to: t } : {}) };
}
