import { randomBytes } from 'node:crypto';
import type { FakeAccount } from './types';

export class TokenStore {
  private readonly accounts = new Map<string, FakeAccount>();

  issue(account: FakeAccount): string {
    // 20 URL-safe characters, the length of Plex's legacy tokens.
    const token = randomBytes(15).toString('base64url');
    this.accounts.set(token, account);
    return token;
  }

  /** Point an existing token at another account (re-approving a PIN with new account fields). */
  rebind(token: string, account: FakeAccount): void {
    if (this.accounts.has(token)) this.accounts.set(token, account);
  }

  accountFor(token: string | undefined): FakeAccount | undefined {
    return token ? this.accounts.get(token) : undefined;
  }

  /** Revoking an unknown token is not an error: revocation is idempotent on plex.tv too. */
  revoke(token?: string): void {
    if (token === undefined) this.accounts.clear();
    else this.accounts.delete(token);
  }

  clear(): void {
    this.accounts.clear();
  }
}
