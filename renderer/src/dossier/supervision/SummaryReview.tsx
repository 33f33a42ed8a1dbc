import { useId } from 'react';
import { Button, Input, Label, RadioGroup, Text, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { TextInputField } from '../../components/form/Fields';
import { RadioChoice } from '../../components/form/RadioChoice';
import {
  contextOf,
  type Decision,
  decideGroup,
  editText,
  flagGroups,
  type Review,
  type ReviewFlag,
  replacedByEntity,
  undecidedGroups,
} from './review-model';

type Choice = 'keep' | 'suggestion' | 'own';

function choiceOf(decision: Decision | null): Choice | null {
  if (decision === null || decision.kind === 'edited') return null;
  return decision.kind;
}

function FlagDecision({
  review,
  flag,
  index,
  number,
  mentions,
  onChange,
}: {
  review: Review;
  flag: ReviewFlag;
  /** The flag shown for its group; the decision goes to every flag of the group. */
  index: number;
  number: number;
  mentions: number;
  onChange(next: Review): void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const context = contextOf(review, flag);
  const choice = choiceOf(flag.decision);
  const ownText = flag.decision?.kind === 'own' ? flag.decision.text : '';
  return (
    <li className={`flag ${flag.decision === null ? 'flag--open' : 'flag--decided'}`}>
      <div className="flag__head">
        <h3 id={headingId} className="flag__title">
          {t('summaries.flag.title', { number, words: flag.text })}
          {mentions > 1 ? (
            <span className="muted"> · {t('summaries.mentions', { count: mentions })}</span>
          ) : null}
        </h3>
        <span className={`badge ${flag.decision === null ? 'badge--missing' : 'badge--done'}`}>
          {flag.decision === null ? t('summaries.flag.open') : t('summaries.flag.decided')}
        </span>
      </div>
      <p className="flag__reason">{t(`summaries.reason.${flag.reason}`)}</p>
      {mentions > 1 ? (
        <p className="muted">{t('summaries.flag.forAll', { count: mentions })}</p>
      ) : null}
      {flag.decision?.kind === 'edited' ? (
        <p className="muted">{t('summaries.flag.edited')}</p>
      ) : (
        <>
          <p className="flag__context">
            {context.before}
            <mark>{context.words || '∅'}</mark>
            {context.after}
          </p>
          <RadioGroup
            className="radio-group"
            aria-label={t('summaries.flag.choice', { words: flag.text })}
            value={choice}
            onChange={(value) => {
              if (value === 'keep' || value === 'suggestion') {
                onChange(decideGroup(review, index, { kind: value }));
              } else if (value === 'own') {
                onChange(decideGroup(review, index, { kind: 'own', text: flag.suggestion }));
              }
            }}
          >
            <RadioChoice value="keep">{t('summaries.flag.keep')}</RadioChoice>
            <RadioChoice value="suggestion">
              {t('summaries.flag.useSuggestion', { suggestion: flag.suggestion })}
            </RadioChoice>
            <RadioChoice value="own">{t('summaries.flag.own')}</RadioChoice>
          </RadioGroup>
          {choice === 'own' ? (
            <TextField
              className="field flag__own"
              value={ownText}
              onChange={(text) => onChange(decideGroup(review, index, { kind: 'own', text }))}
            >
              <Label className="field__label">
                {t('summaries.flag.ownLabel', { words: flag.text })}
              </Label>
              <Input className="field__input" autoComplete="off" />
            </TextField>
          ) : null}
        </>
      )}
    </li>
  );
}

/**
 * The original and the anonymised text side by side; the flags the detector was unsure of,
 * each with a decision; the anonymised text editable. Nothing is stored until every flag
 * has a decision and the coach presses 'Vastleggen'.
 */
export function SummaryReview({
  review,
  title,
  onTitle,
  onChange,
  onFinalize,
  onBack,
  busy,
}: {
  review: Review;
  title: string;
  onTitle(title: string): void;
  onChange(next: Review): void;
  onFinalize(): void;
  onBack(): void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const open = undecidedGroups(review);
  const groups = flagGroups(review);
  const entities = replacedByEntity(review);
  const textId = useId();
  return (
    <div className="review">
      {review.replaced.length > 0 ? (
        <details className="review__replaced">
          <summary>
            {t('summaries.replaced', {
              count: review.replaced.reduce((sum, item) => sum + item.count, 0),
            })}
          </summary>
          <ul>
            {entities.map((entity) => (
              <li key={entity.placeholder}>
                <span className="review__was">{entity.originals.join(', ')}</span> →{' '}
                <span className="mono">{entity.placeholder}</span>
                <span className="muted"> · {t('summaries.mentions', { count: entity.count })}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="review__panes">
        <TextField className="field review__pane" value={review.original} isReadOnly>
          <Label className="field__label review__pane-title">{t('summaries.original')}</Label>
          <Text slot="description" className="field__hint">
            {t('summaries.originalHint')}
          </Text>
          <TextArea className="field__input field__input--area review__text review__text--original" />
        </TextField>
        <TextField
          className="field review__pane"
          value={review.text}
          onChange={(next) => onChange(editText(review, next))}
        >
          <Label className="field__label review__pane-title">{t('summaries.anonymised')}</Label>
          <Text slot="description" className="field__hint">
            {t('summaries.anonymisedHint')}
          </Text>
          <TextArea className="field__input field__input--area review__text" spellCheck={false} />
        </TextField>
      </div>
      <section className="review__flags" aria-labelledby={`${textId}-flags`}>
        <h3 id={`${textId}-flags`} className="subsection-title">
          {review.flags.length === 0
            ? t('summaries.noFlags')
            : t('summaries.flagsTitle', { count: groups.length })}
        </h3>
        {review.flags.length > 0 ? (
          <>
            <p className="muted">{t('summaries.flagsIntro')}</p>
            <ul className="flags">
              {groups.map((group, number) => {
                // Shown by the first flag that was not typed over by hand.
                const index =
                  group.find((at) => review.flags[at]?.decision?.kind !== 'edited') ?? group[0];
                const flag = index === undefined ? undefined : review.flags[index];
                if (index === undefined || flag === undefined) return null;
                return (
                  <FlagDecision
                    // Flags keep their order and never come or go during a review.
                    // biome-ignore lint/suspicious/noArrayIndexKey: see above.
                    key={number}
                    review={review}
                    flag={flag}
                    index={index}
                    number={number + 1}
                    mentions={group.length}
                    onChange={onChange}
                  />
                );
              })}
            </ul>
          </>
        ) : null}
      </section>
      <div className="review__finish">
        <TextInputField
          label={t('summaries.titleLabel')}
          hint={t('summaries.titleHint')}
          value={title}
          onChange={onTitle}
          isRequired
          className="review__title"
        />
        <div className="button-row">
          <Button
            className="button button--primary"
            isDisabled={busy || open > 0 || title.trim() === '' || review.text.trim() === ''}
            onPress={onFinalize}
          >
            {busy ? t('common.saving') : t('summaries.finalize')}
          </Button>
          <Button className="button" onPress={onBack}>
            {t('summaries.back')}
          </Button>
          <span className="muted" role="status">
            {open > 0 ? t('summaries.stillOpen', { count: open }) : t('summaries.allDecided')}
          </span>
        </div>
      </div>
    </div>
  );
}
