import { Button, Group, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { announce } from './live-announcer';

/**
 * A read-only field with a copy button. The Clipboard API exists only in secure contexts, so a
 * plain-HTTP install falls back to selecting the text and `execCommand('copy')`.
 */
export function CopyField({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    let copied = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(value);
        copied = true;
      }
    } catch {
      copied = false;
    }
    if (!copied && input.current) {
      input.current.select();
      copied = document.execCommand('copy');
    }
    setState(copied ? 'copied' : 'failed');
    announce(copied ? t('invitations.copied') : t('invitations.copyFailed'));
    if (copied) window.setTimeout(() => setState('idle'), 2500);
  }

  return (
    <Group align="flex-end" gap="xs" className="copy-field">
      <TextInput
        ref={input}
        label={label}
        value={value}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
        className="copy-field-input"
        error={state === 'failed' ? t('invitations.copyFailed') : undefined}
        classNames={{ input: 'mono-input' }}
      />
      <Button
        variant={state === 'copied' ? 'light' : 'filled'}
        onClick={() => void copy()}
        className="copy-field-button"
      >
        {state === 'copied' ? t('invitations.copied') : t('invitations.copy')}
      </Button>
    </Group>
  );
}
