import { describe, expect, it } from 'vitest';
import { badgeFor } from '@/src/signin/badge';

describe('the toolbar badge', () => {
  it('shows while a sign-in waits for approval, and only then', () => {
    const pending = badgeFor({
      status: 'pending',
      mode: 'code',
      pin: { id: 1, code: 'ABCD', expiresAt: 0 },
      startedAt: 0,
      failures: 0,
    });
    expect(pending.text).not.toBe('');
    expect(pending.title).toMatch(/waiting for you to approve/);
    expect(badgeFor({ status: 'idle' }).text).toBe('');
    expect(badgeFor({ status: 'expired', mode: 'code' }).text).toBe('');
    expect(badgeFor({ status: 'error', mode: 'tab', reason: 'network' }).text).toBe('');
  });
});
