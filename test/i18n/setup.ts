import { useLocale } from './fake-i18n';

// Unit and integration tests read the English words, as an English browser would show them.
useLocale('en', 'en-US');
