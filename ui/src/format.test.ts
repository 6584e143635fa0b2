import { describe, expect, it } from 'vitest';
import { senderTime } from './format';

describe('senderTime', () => {
  it('keeps the sender’s own clock and says its offset', () => {
    expect(senderTime('2026-03-04T16:30:05+08:00')).toBe('2026-03-04 16:30:05 (UTC+08:00)');
    expect(senderTime('2026-03-04T08:30:05.123Z')).toBe('2026-03-04 08:30:05 (UTC)');
    expect(senderTime('2026-03-04T03:30:05-05:00')).toBe('2026-03-04 03:30:05 (UTC-05:00)');
  });

  it('shows anything else as it came', () => {
    expect(senderTime('yesterday')).toBe('yesterday');
  });
});
