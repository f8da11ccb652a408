import { describe, expect, it } from 'vitest';
import { toAccountView } from '@/src/signin/account-view';

describe('the account as the popup shows it', () => {
  it('prefers the friendly name and names the Plex Pass plan', () => {
    expect(
      toAccountView({
        id: 1,
        username: 'alex.example',
        title: 'Alex',
        friendlyName: 'Alex Example',
        email: 'alex@example.com',
        thumb: 'https://plex.tv/users/1/avatar?c=1',
        subscription: { active: true, status: 'Active', plan: 'lifetime' },
      }),
    ).toEqual({
      name: 'Alex Example',
      username: 'alex.example',
      email: 'alex@example.com',
      avatarUrl: 'https://plex.tv/users/1/avatar?c=1',
      plan: 'Plex Pass (lifetime)',
    });
  });

  it('falls back to the username, and shows no plan without an active subscription', () => {
    const view = toAccountView({ id: 1, username: 'alex', friendlyName: ' ', subscription: { active: false, plan: null } });
    expect(view).toEqual({ name: 'alex', username: 'alex', email: undefined, avatarUrl: undefined, plan: undefined });
  });

  it('drops an avatar address that is not http(s)', () => {
    expect(toAccountView({ id: 1, username: 'a', thumb: 'javascript:alert(1)' }).avatarUrl).toBeUndefined();
  });

  it('shows an avatar only over https', () => {
    expect(toAccountView({ id: 1, username: 'a', thumb: 'http://plex.tv/users/1/avatar?c=1' }).avatarUrl).toBeUndefined();
    expect(toAccountView({ id: 1, username: 'a', thumb: 'https://plex.tv/users/1/avatar?c=1' }).avatarUrl).toBe(
      'https://plex.tv/users/1/avatar?c=1',
    );
  });

  it('cuts account names to 200 characters', () => {
    const view = toAccountView({ id: 1, username: 'u'.repeat(1000), friendlyName: 'F'.repeat(1000) });
    expect(view.name).toHaveLength(200);
    expect(view.username).toHaveLength(200);
    expect(view.name.endsWith('…')).toBe(true);
  });
});
