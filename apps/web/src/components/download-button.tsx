import { Button, type ButtonProps } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../api/client';
import { describeError } from './errors';
import { notifyError } from './notify';

/**
 * A button that downloads a file the API sends: busy while the file comes, and a refusal (a busy
 * server, a lost session) said in words rather than shown as the API's JSON in place of the page.
 */
export function DownloadButton({ url, fileName, children, ...props }: ButtonProps & { url: string; fileName: string; children: ReactNode }) {
  const { t } = useTranslation();
  const download = useMutation({
    mutationFn: () => downloadFile(url, fileName),
    onError: (error) => notifyError(describeError(error, t)),
  });
  return (
    <Button {...props} loading={download.isPending} onClick={() => download.mutate()}>
      {children}
    </Button>
  );
}
