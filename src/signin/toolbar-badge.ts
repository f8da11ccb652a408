import { t } from '../i18n';
import type { FlowState } from './state';

/** The toolbar badge: a dot while a sign-in waits for approval, nothing otherwise. */
export function toolbarBadgeFor(flow: FlowState): { text: string; title: string } {
  if (flow.status === 'pending') return { text: '…', title: t('actionTitlePending') };
  return { text: '', title: t('extName') };
}
