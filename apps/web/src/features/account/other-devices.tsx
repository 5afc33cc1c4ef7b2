import { Button, Group } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountApi } from '../../api/account-api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { describeError } from '../../components/errors';
import { notifyError, notifySuccess } from '../../components/notify';

/** Signs the person out of their other devices after a confirmation; this one stays signed in. */
export function OtherDevices() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);

  const end = useMutation({
    mutationFn: () => accountApi.endOtherSessions(),
    onSuccess: ({ sessionsEnded }) => {
      setOpened(false);
      notifySuccess(sessionsEnded > 0 ? t('account.otherSessionsEnded', { count: sessionsEnded }) : t('account.noOtherSessions'));
    },
    onError: (error) => {
      setOpened(false);
      notifyError(describeError(error, t));
    },
  });

  return (
    <>
      <Group>
        <Button variant="default" onClick={() => setOpened(true)}>
          {t('account.signOutOthers')}
        </Button>
      </Group>
      <ConfirmDialog
        opened={opened}
        title={t('account.signOutOthersConfirmTitle')}
        message={t('account.signOutOthersConfirmText')}
        confirmLabel={t('account.signOutOthersConfirm')}
        loading={end.isPending}
        onConfirm={() => end.mutate()}
        onClose={() => setOpened(false)}
      />
    </>
  );
}
