import { lookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { Agent, fetch as undiciFetch } from 'undici';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Resolves `*.plex.direct` to 127.0.0.1, as the fake media servers need (real plex.direct names
 * resolve to the address they spell); other names as the system does. No name leaves the machine.
 */
function plexDirectLookup(hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void {
  if (!/\.plex\.direct$/i.test(hostname)) return void lookup(hostname, options as LookupAllOptions, callback as never);
  if ((options as LookupAllOptions).all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}

/**
 * `fetch` as the extension's background has it, for Node: the fake servers' plex.direct names
 * lead to 127.0.0.1 and their self-signed certificates are accepted (the browsers get the same
 * through --host-resolver-rules and --ignore-certificate-errors, or a proxy and acceptInsecureCerts).
 * Redirects, headers and timeouts behave as in any fetch.
 */
export function plexDirectFetch(): typeof fetch {
  const dispatcher = new Agent({ connect: { lookup: plexDirectLookup, rejectUnauthorized: false } });
  return ((input: string | URL, init?: RequestInit) => undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}
