import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/page-title';
import { Section } from '../../components/section';
import { useCurrentSession } from '../auth/use-session';
import { OtherDevices } from './other-devices';
import { PasswordForm } from './password-form';
import { ProfileForm } from './profile-form';

export function AccountPage() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  return (
    <Stack gap="lg">
      <PageTitle>{t('account.title')}</PageTitle>
      <Section title={t('account.profile')}>
        <ProfileForm user={user} />
      </Section>
      <Section title={t('account.password')}>
        <PasswordForm email={user.email} />
      </Section>
      <Section title={t('account.devices')} description={t('account.devicesHint')}>
        <OtherDevices />
      </Section>
    </Stack>
  );
}
