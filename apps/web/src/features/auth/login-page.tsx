import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { PageLoader } from '../../components/page-loader';
import { PageTitle } from '../../components/page-title';
import { LoginForm } from './login-form';
import { homePath, safeNext, useSession } from './use-session';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useSession();
  const expired = (location.state as { expired?: boolean } | null)?.expired === true;

  if (session.isPending) return <PageLoader />;
  if (session.data) return <Navigate to={next ?? homePath(session.data)} replace />;

  return (
    <Stack maw={420} mx="auto" w="100%" gap="lg">
      <Paper p={{ base: 'lg', xs: 'xl' }} shadow="xs">
        <Stack gap="lg">
          <div>
            <PageTitle>{t('auth.title')}</PageTitle>
            <Text c="dimmed" mt={6}>
              {t('auth.intro')}
            </Text>
          </div>
          {expired && (
            <Text size="sm" c="orange.9" role="status">
              {t('auth.sessionExpired')}
            </Text>
          )}
          <LoginForm
            onSuccess={async (data) => {
              await navigate(next ?? homePath(data), { replace: true });
            }}
          />
        </Stack>
      </Paper>
      <Text size="sm" c="dimmed" ta="center">
        {t('auth.noAccount')}
      </Text>
    </Stack>
  );
}
