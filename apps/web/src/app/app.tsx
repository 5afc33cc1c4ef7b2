import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router/dom';
import { LiveAnnouncer } from '../components/live-announcer';
import { useIsWide } from '../components/use-is-wide';
import { readCspNonce, shareCspNonce } from './csp-nonce';
import { queryClient } from './query-client';
import { createRouter } from './router';
import { cssVariablesResolver, theme } from './theme';

const nonce = readCspNonce();
shareCspNonce(nonce);

export function App() {
  const [router] = useState(createRouter);
  const wide = useIsWide();
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
      getStyleNonce={nonce ? () => nonce : undefined}
    >
      <QueryClientProvider client={queryClient}>
        <Notifications position={wide ? 'top-right' : 'bottom-center'} limit={3} containerWidth={380} />
        <LiveAnnouncer />
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
