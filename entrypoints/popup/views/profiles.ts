import { t, type MessageKey } from '@/src/i18n';
import { HomeState, SwitchProblem, type Profile } from '@/src/home/state';
import { send } from '@/src/messages';
import { homeItem, parseStored } from '@/src/storage';
import { h } from '@/src/ui/dom';
import { button } from './view';

/** Why a switch failed, in the person's words; a wrong PIN has a sentence of its own. */
const SWITCH_TEXT: Record<Exclude<SwitchProblem, 'wrong-pin'>, MessageKey> = {
  network: 'failNetwork',
  timeout: 'failTimeout',
  server: 'failServer',
  'rate-limited': 'failRateLimited',
  'invalid-response': 'failInvalidResponse',
  unauthorized: 'failUnauthorized',
  other: 'profileFailOther',
};

const PIN = /^\d{4}$/;

/**
 * The Plex Home's profiles, shown when the account has a Home: which one is in use, and a switch
 * to each other one (a protected one asks for its PIN first). It watches the Home in storage
 * itself, so the rest of the signed-in view does not change with it.
 */
export function profilesSection(): { element: HTMLElement; dispose(): void } {
  const element = h('section', { class: 'profiles', 'aria-labelledby': 'profiles-title', hidden: true });
  let home: HomeState | null = null;
  /** The profile whose PIN is being asked for, and the last switch's problem: the popup's own state. */
  let pinFor: string | undefined;
  let problem: string | undefined;
  let busy = false;
  let shown = '';

  const nameOf = (uuid: string | undefined) => home?.profiles.find((p) => p.uuid === uuid)?.name ?? '';

  async function switchTo(profile: Profile, pin: string | undefined, control: HTMLElement): Promise<void> {
    if (busy) return;
    busy = true;
    control.setAttribute('aria-busy', 'true');
    const current = nameOf(home?.active);
    const reply = await send({ type: 'switch-profile', uuid: profile.uuid, ...(pin !== undefined && { pin }) });
    busy = false;
    control.removeAttribute('aria-busy');
    if (reply.ok) {
      pinFor = undefined;
      problem = undefined;
      document.getElementById('status')!.textContent = t('announceProfile', profile.name);
      render(true);
      element.querySelector<HTMLElement>('h2')?.focus();
      return;
    }
    const reason = SwitchProblem.safeParse(reply.error);
    const kind = reason.success ? reason.data : 'other';
    if (kind === 'wrong-pin') {
      pinFor = profile.uuid;
      problem = t('profileWrongPin', profile.name, current);
    } else {
      problem = t('profileSwitchFailed', profile.name, current, t(SWITCH_TEXT[kind]));
    }
    render(true);
    (element.querySelector<HTMLElement>('[data-testid="profile-pin"]') ?? control).focus();
  }

  function pinForm(profile: Profile): HTMLElement {
    const input = h('input', {
      id: 'profile-pin',
      'data-testid': 'profile-pin',
      type: 'password',
      inputmode: 'numeric',
      autocomplete: 'off',
      maxlength: 4,
      pattern: '[0-9]{4}',
      required: true,
      'aria-describedby': problem ? 'profile-problem' : undefined,
      'aria-invalid': problem ? 'true' : undefined,
    });
    const submit = button('profile-pin-submit', t('profileSwitch'), () => undefined);
    submit.type = 'submit';
    const cancel = () => {
      pinFor = undefined;
      problem = undefined;
      render(true);
      element.querySelector<HTMLElement>(`[data-profile="${profile.uuid}"] button`)?.focus();
    };
    const form = h(
      'form',
      {
        class: 'profile-pin',
        onkeydown: (event) => {
          if ((event as KeyboardEvent).key === 'Escape') {
            event.preventDefault();
            cancel();
          }
        },
        onsubmit: (event) => {
          event.preventDefault();
          if (!PIN.test(input.value)) {
            problem = t('profilePinFormat', profile.name);
            render(true);
            element.querySelector<HTMLElement>('[data-testid="profile-pin"]')?.focus();
            return;
          }
          void switchTo(profile, input.value, submit);
        },
      },
      h('label', { for: 'profile-pin' }, t('profilePinLabel', profile.name)),
      h('div', { class: 'profile-pin-row' }, input, submit, button('profile-pin-cancel', t('cancel'), cancel, 'link')),
    );
    return form;
  }

  function item(profile: Profile, active: boolean): HTMLElement {
    const choose = (self: HTMLButtonElement) => {
      if (!profile.protected) return void switchTo(profile, undefined, self);
      pinFor = profile.uuid;
      problem = undefined;
      render(true);
      element.querySelector<HTMLElement>('[data-testid="profile-pin"]')?.focus();
    };
    const switcher = active ? null : button('profile-switch', t('profileSwitch'), choose, 'secondary');
    switcher?.setAttribute('aria-label', t('profileSwitchTo', profile.name));
    return h(
      'li',
      {
        class: 'profile',
        'data-testid': 'profile-item',
        'data-active': String(active),
        'data-profile': profile.uuid,
        'aria-current': active ? 'true' : undefined,
      },
      h('span', { class: 'profile-name' }, profile.name),
      profile.protected ? h('span', { class: 'profile-lock hint' }, t('profileNeedsPin')) : null,
      active ? h('span', { class: 'profile-active' }, t('profileInUse')) : switcher,
      pinFor === profile.uuid && !active ? pinForm(profile) : null,
    );
  }

  /** Draws again when what it shows changed, or when `force`d by the popup's own state. */
  function render(force = false): void {
    const profiles = home?.profiles ?? [];
    const key = JSON.stringify([profiles, home?.active, home?.notice]);
    if (!force && key === shown) return;
    shown = key;
    element.hidden = profiles.length < 2;
    if (element.hidden) return void element.replaceChildren();
    if (pinFor === home?.active) pinFor = undefined;
    const parts = [
      h('h2', { id: 'profiles-title', tabindex: -1 }, t('profilesHeading')),
      h('p', { class: 'hint' }, t('profilesHint')),
      home?.notice === 'profile-ended' ? h('p', { class: 'notice', 'data-testid': 'profile-ended' }, t('profileEnded')) : null,
      h('ul', { class: 'profile-list', 'data-testid': 'profile-list' }, ...profiles.map((p) => item(p, p.uuid === home?.active))),
      problem ? h('p', { id: 'profile-problem', class: 'error', role: 'alert', 'data-testid': 'profile-problem' }, problem) : null,
    ];
    const focus = focusedControl();
    element.replaceChildren(...parts.filter((part) => part !== null));
    focus?.();
  }

  /** How to find the focused control again after a redraw (a change from storage can come at any time). */
  function focusedControl(): (() => void) | undefined {
    const active = document.activeElement as HTMLElement | null;
    if (!active || !element.contains(active)) return undefined;
    const testId = active.dataset.testid;
    const profile = active.closest<HTMLElement>('[data-profile]')?.dataset.profile;
    const selector = testId ? `${profile ? `[data-profile="${profile}"] ` : ''}[data-testid="${testId}"]` : '#profiles-title';
    return () => (element.querySelector<HTMLElement>(selector) ?? element.querySelector<HTMLElement>('#profiles-title'))?.focus();
  }

  const unwatch = homeItem.watch((value) => {
    home = parseStored(HomeState, value);
    render();
  });
  void homeItem.getValue().then((stored) => {
    // A change that arrived meanwhile is newer than this read.
    if (shown === '') home = parseStored(HomeState, stored);
    render();
  });
  return { element, dispose: unwatch };
}
