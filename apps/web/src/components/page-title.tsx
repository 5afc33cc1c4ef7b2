import { Title, type TitleProps } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

let firstPageShown = false;

/**
 * The page's only h1. It names the document and, after an in-app navigation, takes the focus so
 * that keyboard and screen-reader users start reading the new page from its title.
 */
export function PageTitle({ children, ...props }: { children: string } & Omit<TitleProps, 'children' | 'order'>) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${children} · ${t('common.appName')}`;
  }, [children, t]);

  useEffect(() => {
    if (firstPageShown) ref.current?.focus({ preventScroll: false });
    firstPageShown = true;
  }, []);

  return (
    <Title order={1} ref={ref} tabIndex={-1} className="page-title" {...props}>
      {children}
    </Title>
  );
}
