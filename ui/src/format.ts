import i18n from './i18n';

/** A timestamp from the core (RFC 3339) in the admin's language and local time. */
export function formatTime(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return d.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

export function formatClock(rfc3339: string): string {
  const d = new Date(rfc3339);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'zh-CN');
}

/** A timestamp in the local time of whoever made it, with its offset, as written: a customer's
 * `2026-03-04T16:30:05+08:00` reads `2026-03-04 16:30:05 (UTC+08:00)` on a support engineer's
 * screen anywhere. Anything unparsable is shown as is. */
export function senderTime(rfc3339: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(rfc3339);
  if (!m) return rfc3339;
  const [, date, time, offset] = m;
  return `${date} ${time} (UTC${offset === 'Z' || offset === '+00:00' ? '' : offset})`;
}
