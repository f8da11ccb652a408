import { failureText } from '@/src/failures';
import type { HomeState, Profile } from '@/src/home/state';
import { t } from '@/src/i18n';
import { send } from '@/src/messages';
import { homeItem } from '@/src/storage';
import { FOCUS_KEY, h, rerenderKeepingFocus } from '@/src/ui/dom';
import { button } from './view';

const PIN = /^\d{4}$/;

/** Watches the Plex Home in storage itself, so the rest of the signed-in view does not change with it. */
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
    const words = failureText('profile-switch', reply.reason);
    if (reply.reason === 'wrong-pin') pinFor = profile.uuid;
    problem = reply.reason === 'wrong-pin' ? t(words, profile.name, current) : t('profileSwitchFailed', profile.name, current, t(words));
    render(true);
    (element.querySelector<HTMLElement>('#profile-pin') ?? control).focus();
  }

  function pinForm(profile: Profile): HTMLElement {
    const input = h('input', {
      id: 'profile-pin',
      'data-testid': 'profile-pin',
      [FOCUS_KEY]: 'profile-pin',
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
            element.querySelector<HTMLElement>('#profile-pin')?.focus();
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
      element.querySelector<HTMLElement>('#profile-pin')?.focus();
    };
    const switcher = active ? null : button('profile-switch', t('profileSwitch'), choose, 'secondary');
    switcher?.setAttribute('aria-label', t('profileSwitchTo', profile.name));
    switcher?.setAttribute(FOCUS_KEY, `profile-switch-${profile.uuid}`);
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
      h('h2', { id: 'profiles-title', tabindex: -1, [FOCUS_KEY]: 'profiles-title' }, t('profilesHeading')),
      h('p', { class: 'hint' }, t('profilesHint')),
      home?.notice === 'profile-ended' ? h('p', { class: 'notice', 'data-testid': 'profile-ended' }, t('profileEnded')) : null,
      h('ul', { class: 'profile-list', 'data-testid': 'profile-list' }, ...profiles.map((p) => item(p, p.uuid === home?.active))),
      problem ? h('p', { id: 'profile-problem', class: 'error', role: 'alert', 'data-testid': 'profile-problem' }, problem) : null,
    ];
    const kept = rerenderKeepingFocus(document, element, () => {
      element.replaceChildren(...parts.filter((part) => part !== null));
      return element;
    });
    // The focused control is gone (a PIN field after its switch): the section's heading takes focus.
    if (kept === 'lost') element.querySelector<HTMLElement>('#profiles-title')?.focus();
  }

  const unwatch = homeItem.watch((value) => {
    home = value;
    render();
  });
  void homeItem.getValue().then((stored) => {
    // A change that arrived meanwhile is newer than this read.
    if (shown === '') home = stored;
    render();
  });
  return { element, dispose: unwatch };
}
