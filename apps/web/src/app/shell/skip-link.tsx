import { useTranslation } from 'react-i18next';

export const MAIN_ID = 'main-content';

/** First focusable element of every page: jumps over the header and navigation. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      className="skip-link"
      href={`#${MAIN_ID}`}
      onClick={(event) => {
        // Focus the main region without adding a hash to the router's URL.
        event.preventDefault();
        const main = document.getElementById(MAIN_ID);
        main?.focus();
        main?.scrollIntoView();
      }}
    >
      {t('shell.skipToContent')}
    </a>
  );
}
