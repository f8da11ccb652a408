import { afterAll, beforeEach } from 'vitest';
import { startFakePlex, type FakePlex } from '../fake-plex/server';

/** Awaited at the file's top level: started now, back to its first state before each test, closed after the last. */
export async function fakePlexForFile(): Promise<FakePlex> {
  const fake = await startFakePlex();
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());
  return fake;
}
