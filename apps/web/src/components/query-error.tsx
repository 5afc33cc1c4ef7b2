import { Alert, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeError } from './errors';

export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={t('errors.loadFailed')}>
      {describeError(error, t)}
      {onRetry && (
        <div>
          <Button variant="subtle" color="red" size="compact-sm" mt="xs" px={0} onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </div>
      )}
    </Alert>
  );
}
