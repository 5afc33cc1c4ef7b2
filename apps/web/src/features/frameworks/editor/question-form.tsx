import { Button, Checkbox, Stack, Switch, Text, TextInput } from '@mantine/core';
import { KINDS_WITH_WHY, type Question } from '#domain/framework';
import type { LocalizedText } from '#domain/locale';
import { STAKEHOLDER_GROUPS, STAKEHOLDER_GROUP_KEYS, isStakeholderGroupKey, type StakeholderGroupKey } from '#domain/stakeholder-group';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { IconCopy } from '../../../components/icons';
import { announce } from '../../../components/live-announcer';
import { groupLabel } from '../framework-labels';
import { fieldPath, indicatorAt, questionAt, setOptional, type ItemPath } from './content-ops';
import { fieldId, useEditor } from './editor-context';
import { KeyField, LocalizedField, useFieldError } from './fields';

export function QuestionForm({ path }: { path: ItemPath }) {
  const { t } = useTranslation();
  const { content, update, readOnly } = useEditor();
  const question = questionAt(content, path);
  const indicator = indicatorAt(content, path);
  // Wordings of unticked groups, kept while the form is open so that ticking again restores them.
  const stash = useRef(new Map<StakeholderGroupKey, LocalizedText>());
  const audiencesError = useFieldError(fieldPath(path, 'audiences'), ...STAKEHOLDER_GROUP_KEYS.map((_, index) => fieldPath(path, `audiences[${index}]`)));
  const wordingError = useFieldError(fieldPath(path, 'wording'));
  const visibleIfError = useFieldError(fieldPath(path, 'visibleIf'));
  const whyError = useFieldError(fieldPath(path, 'why'));
  if (!question || !indicator) return null;

  const edit = (fn: (target: Question) => void) =>
    update((draft) => {
      const target = questionAt(draft, path);
      if (target) fn(target);
    });

  function setAudiences(values: string[]) {
    if (!question) return;
    const chosen = STAKEHOLDER_GROUP_KEYS.filter((key) => values.includes(key));
    for (const removed of question.audiences.filter((key) => !chosen.includes(key))) {
      const wording = question.wording[removed];
      if (wording) stash.current.set(removed, wording);
    }
    const restored = new Map(chosen.map((key) => [key, question.wording[key] ?? stash.current.get(key) ?? { fr: '' }]));
    edit((target) => {
      target.audiences = chosen;
      target.wording = Object.fromEntries(chosen.map((key) => [key, restored.get(key)]));
    });
  }

  function copyWordingToAll() {
    if (!question) return;
    const source = question.audiences.find((key) => question.wording[key]?.fr.trim());
    const wording = source ? question.wording[source] : undefined;
    if (!source || !wording) return;
    edit((target) => {
      for (const key of target.audiences) target.wording[key] = { ...wording };
    });
    announce(t('frameworks.editor.fields.wordingCopied', { count: question.audiences.length }));
  }

  const whyAllowed = KINDS_WITH_WHY.includes(indicator.kind);
  const firstWithWording = question.audiences.find((key) => question.wording[key]?.fr.trim());

  return (
    <Stack gap="md">
      <KeyField
        path={fieldPath(path, 'key')}
        value={question.key}
        onChange={(key) => edit((target) => void (target.key = key))}
      />
      <Checkbox.Group
        id={fieldId(fieldPath(path, 'audiences'))}
        label={t('frameworks.editor.fields.audiences')}
        description={t('frameworks.editor.fields.audiencesHint')}
        value={question.audiences}
        onChange={(values) => setAudiences(values.filter(isStakeholderGroupKey))}
        error={audiencesError}
      >
        <div className="audience-grid" role="presentation">
          {STAKEHOLDER_GROUPS.map((group) => (
            <Checkbox key={group.key} value={group.key} label={groupLabel(group.key)} disabled={readOnly} mt={6} />
          ))}
        </div>
      </Checkbox.Group>

      {question.audiences.length > 0 && (
        <Stack gap="sm" component="fieldset" className="plain-fieldset">
          <legend className="fieldset-legend">{t('frameworks.editor.fields.wordingLegend')}</legend>
          {wordingError && (
            <Text size="sm" c="red.8" role="note">
              {wordingError}
            </Text>
          )}
          {!readOnly && question.audiences.length > 1 && (
            <div>
              <Button
                variant="light"
                size="compact-sm"
                leftSection={<IconCopy size={14} />}
                disabled={!firstWithWording}
                onClick={copyWordingToAll}
              >
                {t('frameworks.editor.fields.copyWording')}
              </Button>
              {firstWithWording && (
                <Text size="xs" c="dimmed" mt={4}>
                  {t('frameworks.editor.fields.copyWordingHint', { group: groupLabel(firstWithWording) })}
                </Text>
              )}
            </div>
          )}
          {question.audiences.map((audience) => (
            <div key={audience} className="wording-block">
              <LocalizedField
                path={fieldPath(path, `wording.${audience}`)}
                label={t('frameworks.editor.fields.wording', { group: groupLabel(audience) })}
                value={question.wording[audience]}
                multiline
                onChange={(next) => edit((target) => void (target.wording[audience] = next ?? { fr: '' }))}
              />
            </div>
          ))}
        </Stack>
      )}

      <LocalizedField
        path={fieldPath(path, 'help')}
        label={t('frameworks.editor.fields.help')}
        description={t('frameworks.editor.fields.helpHint')}
        value={question.help}
        optional
        multiline
        onChange={(next) => edit((target) => setOptional(target, 'help', next))}
      />
      <Switch
        id={fieldId(fieldPath(path, 'required'))}
        label={t('frameworks.editor.fields.required')}
        checked={question.required}
        disabled={readOnly}
        onChange={(event) => {
          const required = event.currentTarget.checked;
          edit((target) => void (target.required = required));
        }}
      />
      <TextInput
        id={fieldId(fieldPath(path, 'visibleIf'))}
        label={t('frameworks.editor.fields.visibleIf')}
        description={t('frameworks.editor.fields.visibleIfHint')}
        value={question.visibleIf ?? ''}
        error={visibleIfError}
        readOnly={readOnly}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        maxLength={1000}
        classNames={{ input: 'key-input' }}
        onChange={(event) => {
          const value = event.currentTarget.value;
          edit((target) => setOptional(target, 'visibleIf', value.trim() === '' ? undefined : value));
        }}
      />
      {whyAllowed ? (
        <Stack gap="xs">
          <Switch
            id={fieldId(fieldPath(path, 'why'))}
            label={t('frameworks.editor.fields.why')}
            description={t('frameworks.editor.fields.whyHint')}
            checked={question.why !== undefined}
            error={whyError}
            disabled={readOnly}
            onChange={(event) => {
              const on = event.currentTarget.checked;
              edit((target) => setOptional(target, 'why', on ? {} : undefined));
            }}
          />
          {question.why && (
            <LocalizedField
              path={fieldPath(path, 'why.label')}
              label={t('frameworks.editor.fields.whyLabel')}
              value={question.why.label}
              optional
              maxLength={200}
              onChange={(next) =>
                edit((target) => {
                  if (target.why) setOptional(target.why, 'label', next);
                })
              }
            />
          )}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('frameworks.editor.fields.whyNotAvailable')}
        </Text>
      )}
    </Stack>
  );
}
