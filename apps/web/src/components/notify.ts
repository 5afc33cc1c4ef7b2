import { notifications } from '@mantine/notifications';
import { i18next } from '../app/i18n/i18n';
import { announce } from './live-announcer';

function show(message: string, color: string): void {
  notifications.show({
    message,
    color,
    // The live regions of LiveAnnouncer speak; the toast is only seen.
    role: 'presentation',
    closeButtonProps: { 'aria-label': i18next.t('common.close') },
  });
}

export function notifySuccess(message: string): void {
  show(message, 'regards');
  announce(message, 'polite');
}

export function notifyError(message: string): void {
  show(message, 'red');
  announce(message, 'assertive');
}
