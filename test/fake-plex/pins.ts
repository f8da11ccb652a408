import { randomInt } from 'node:crypto';
import type { FakePin, PinRef } from './types';

// Close to the ids in Plex's published examples, so logs look familiar.
const FIRST_PIN_ID = 308667304;
const STRONG_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const SHORT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const STRONG_LENGTH = 25;
const SHORT_LENGTH = 4;

export interface NewPin {
  strong: boolean;
  clientIdentifier: string;
  product: string | null;
  lifetimeMs: number;
}

function randomCode(alphabet: string, length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += alphabet[randomInt(alphabet.length)];
  return code;
}

export class PinStore {
  private all: FakePin[] = [];
  // Not reset with the rest: a poll left over from an earlier test must not hit a newer PIN.
  private nextId = FIRST_PIN_ID;

  create(spec: NewPin, now = Date.now()): FakePin {
    const pin: FakePin = {
      id: this.nextId++,
      code: this.freshCode(spec.strong, now),
      strong: spec.strong,
      clientIdentifier: spec.clientIdentifier,
      createdAt: now,
      expiresAt: now + spec.lifetimeMs,
      authToken: null,
      product: spec.product,
    };
    this.all.push(pin);
    return pin;
  }

  isLive(pin: FakePin, now = Date.now()): boolean {
    return now < pin.expiresAt;
  }

  /** The live PIN with this id (and code, when given). */
  byId(id: number, code?: string, now = Date.now()): FakePin | undefined {
    const pin = this.all.find((p) => p.id === id);
    if (!pin || !this.isLive(pin, now)) return undefined;
    if (code !== undefined && pin.code !== code) return undefined;
    return pin;
  }

  /** The newest live PIN matching every field of the reference. */
  find(ref: PinRef, now = Date.now()): FakePin | undefined {
    for (let i = this.all.length - 1; i >= 0; i--) {
      const pin = this.all[i];
      if (!pin || !this.isLive(pin, now)) continue;
      if (ref.id !== undefined && pin.id !== ref.id) continue;
      if (ref.code !== undefined && pin.code !== ref.code) continue;
      return pin;
    }
    return undefined;
  }

  /** Expiring moves expiresAt to now, so pins() shows when it died. */
  expire(pin: FakePin, now = Date.now()): void {
    pin.expiresAt = Math.min(pin.expiresAt, now);
  }

  list(): FakePin[] {
    return this.all.map((pin) => ({ ...pin }));
  }

  clear(): void {
    this.all = [];
  }

  // Approving by code must be unambiguous, so a code is never shared by two live PINs.
  private freshCode(strong: boolean, now: number): string {
    for (;;) {
      const code = strong ? randomCode(STRONG_ALPHABET, STRONG_LENGTH) : randomCode(SHORT_ALPHABET, SHORT_LENGTH);
      if (!this.find({ code }, now)) return code;
    }
  }
}
