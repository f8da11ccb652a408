/** Who sent a message into the background, as far as the browser vouches for it. */
export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

export type SenderKind = 'extension-page' | 'content-script' | 'other';

/** Our popup has our id and an extension address, our content scripts our id and a web page's tab; anyone else is no one. */
export function senderKind(sender: Sender, extensionId: string, extensionOrigin: string): SenderKind {
  if (sender.id !== extensionId) return 'other';
  const ownPage = sender.url?.startsWith(extensionOrigin) === true;
  if (ownPage) return 'extension-page';
  if (sender.tab?.id !== undefined && sender.url !== undefined && /^https:\/\//.test(sender.url)) return 'content-script';
  return 'other';
}
