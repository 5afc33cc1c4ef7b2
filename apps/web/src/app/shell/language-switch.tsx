import { Button, Menu } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { accountApi } from '../../api/account-api';
import { queryKeys } from '../../api/query-keys';
import type { Locale, Session } from '../../api/types';
import { IconCheck, IconLanguage } from '../../components/icons';
import { LOCALES, currentLocale, setLocale } from '../i18n/i18n';

/** Switches the interface language; a signed-in user's preference follows. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const locale = currentLocale();

  async function choose(next: Locale) {
    await setLocale(next);
    const session = queryClient.getQueryData<Session | null>(queryKeys.session);
    if (session && session.user.locale !== next) {
      try {
        const user = await accountApi.update({ locale: next });
        queryClient.setQueryData<Session | null>(queryKeys.session, (old) => (old ? { ...old, user } : old));
      } catch {
        // The interface already switched; the stored preference is a convenience.
      }
    }
  }

  return (
    <Menu position="bottom-end" width={180} shadow="md">
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          c="dark.6"
          px={8}
          leftSection={<IconLanguage />}
          aria-label={t('language.menuLabel', { code: locale.toUpperCase(), language: t(`language.${locale}`) })}
        >
          {locale.toUpperCase()}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {LOCALES.map((option) => (
          <Menu.Item
            key={option}
            lang={option}
            onClick={() => void choose(option)}
            rightSection={option === locale ? <IconCheck size={16} /> : null}
            aria-current={option === locale ? 'true' : undefined}
          >
            {t(`language.${option}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
