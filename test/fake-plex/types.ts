// Shared shapes of the fake Plex server. Tests in other processes import these through control.ts,
// so this file must stay free of runtime code that needs a server.

export interface FakeAccount {
  id: number;
  uuid: string;
  username: string;
  title: string;
  friendlyName: string;
  email: string;
  subscription: { active: boolean; status: string; plan: string | null };
}

export interface FakeConfig {
  /** Lifetime of a `strong=true` PIN (Plex: 1800 s). Fractions are allowed so tests can expire PINs fast. */
  strongPinSeconds: number;
  /** Lifetime of a 4-character PIN (Plex: 900 s). */
  shortPinSeconds: number;
  /** The account a token maps to unless approve() overrides fields. */
  account: FakeAccount;
}

export interface FakePin {
  id: number;
  code: string;
  strong: boolean;
  clientIdentifier: string;
  /** Date.now() values. */
  createdAt: number;
  expiresAt: number;
  authToken: string | null;
  /** The X-Plex-Product sent when the PIN was created. */
  product: string | null;
}

/** Which PIN an operation means: by id, by code, or both (then both must match). */
export interface PinRef {
  id?: number;
  code?: string;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Date.now() when the request arrived. */
  at: number;
}

export type FaultKind = 'status' | 'drop' | 'hang' | 'body';

export interface Fault {
  /** Default: any method. */
  method?: string;
  /** Matches when the request path starts with it, e.g. '/api/v2/pins/'. */
  path: string;
  /** Default 1: how many matching requests it applies to. */
  times?: number;
  /**
   * 'status': answer `status` (default 500) with `body` (default empty).
   * 'body': answer `status` (default 200) with `body`, to feed the client something it cannot parse.
   * 'drop': destroy the socket without answering.
   * 'hang': never answer; the socket stays open until close() or reset().
   */
  kind: FaultKind;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  contentType?: string;
}

export interface FakePlexControl {
  /** Rejects if there is no such live PIN. */
  approve(pin: PinRef, account?: Partial<FakeAccount>): Promise<{ token: string }>;
  /** The PIN answers 404/1020 from now on. */
  expire(pin: PinRef): Promise<void>;
  /** One token, or every token when omitted; they then get 401. */
  revoke(token?: string): Promise<void>;
  /** Forget pins, tokens, requests, faults and config; abandon hanging requests. */
  reset(): Promise<void>;
  /** Every PIN created so far, newest last. */
  pins(): Promise<FakePin[]>;
  /** Every request to the Plex API routes (not /__fake, not pages), oldest first. */
  requests(): Promise<LoggedRequest[]>;
  /** Queue a fault. */
  fault(f: Fault): Promise<void>;
  configure(c: Partial<FakeConfig>): Promise<void>;
}
