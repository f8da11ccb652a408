import { describe, expect, it } from 'vitest';
import { toolbarBadgeFor } from '@/src/signin/toolbar-badge';

describe('the toolbar badge', () => {
  it('shows while a sign-in waits for approval, and only then', () => {
    const pending = toolbarBadgeFor({
      status: 'pending',
      mode: 'code',
      pin: { id: 1, code: 'ABCD', expiresAt: 0 },
      startedAt: 0,
      failures: 0,
    });
    expect(pending.text).not.toBe('');
    expect(pending.title).toMatch(/waiting for you to approve/);
    expect(toolbarBadgeFor({ status: 'idle' }).text).toBe('');
    expect(toolbarBadgeFor({ status: 'expired', mode: 'code' }).text).toBe('');
    expect(toolbarBadgeFor({ status: 'error', mode: 'tab', reason: 'network' }).text).toBe('');
  });
});
