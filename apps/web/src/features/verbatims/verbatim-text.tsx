import { Blockquote, Group, Text } from '@mantine/core';
import { localiseMaskTokens } from '#domain/verbatim-masking';
import { useTranslation } from 'react-i18next';
import { IconEye } from '../../components/icons';
import { currentLocale } from '../../app/i18n/i18n';

/** A verbatim's masked text as a quotation, the mask tokens in the interface language, with a note when something was masked. */
export function VerbatimText({ text, masked }: { text: string; masked: boolean }) {
  const { t } = useTranslation();
  return (
    <div>
      <Blockquote className="verbatim-quote" p="sm" mt={0} color="regards">
        {localiseMaskTokens(text, currentLocale())}
      </Blockquote>
      {masked && (
        <Group gap={4} mt={4} wrap="nowrap">
          <IconEye size={14} aria-hidden />
          <Text size="xs" c="dimmed">
            {t('verbatims.maskedNote')}
          </Text>
        </Group>
      )}
    </div>
  );
}
