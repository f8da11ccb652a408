import { lookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { Agent, fetch as undiciFetch } from 'undici';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Real plex.direct names resolve to the address they spell; the fake servers' all listen on 127.0.0.1. */
function plexDirectLookup(hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void {
  if (!/\.plex\.direct$/i.test(hostname)) return void lookup(hostname, options as LookupAllOptions, callback as never);
  if ((options as LookupAllOptions).all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}

/** The browsers get the same through --host-resolver-rules and --ignore-certificate-errors, or a proxy and acceptInsecureCerts. */
export function plexDirectFetch(): typeof fetch {
  const dispatcher = new Agent({ connect: { lookup: plexDirectLookup, rejectUnauthorized: false } });
  return ((input: string | URL, init?: RequestInit) => undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}
