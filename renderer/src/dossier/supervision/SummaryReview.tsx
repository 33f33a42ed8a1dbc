import { useId } from 'react';
import { Button, Input, Label, RadioGroup, Text, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { TextInputField } from '../../components/form/Fields';
import { RadioChoice } from '../../components/form/RadioChoice';
import {
  contextOf,
  type Decision,
  decide,
  editText,
  type Review,
  type ReviewFlag,
  undecided,
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
  onChange,
}: {
  review: Review;
  flag: ReviewFlag;
  index: number;
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
          {t('summaries.flag.title', { number: index + 1, words: flag.text })}
        </h3>
        <span className={`badge ${flag.decision === null ? 'badge--missing' : 'badge--done'}`}>
          {flag.decision === null ? t('summaries.flag.open') : t('summaries.flag.decided')}
        </span>
      </div>
      <p className="flag__reason">{t(`summaries.reason.${flag.reason}`)}</p>
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
                onChange(decide(review, index, { kind: value }));
              } else if (value === 'own') {
                onChange(decide(review, index, { kind: 'own', text: flag.suggestion }));
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
              onChange={(text) => onChange(decide(review, index, { kind: 'own', text }))}
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
  const open = undecided(review);
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
            {review.replaced.map((item) => (
              <li key={`${item.original}\u0000${item.placeholder}`}>
                <span className="review__was">{item.original}</span> →{' '}
                <span className="mono">{item.placeholder}</span>
                {item.count > 1 ? <span className="muted"> ({item.count}×)</span> : null}
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
            : t('summaries.flagsTitle', { count: review.flags.length })}
        </h3>
        {review.flags.length > 0 ? (
          <>
            <p className="muted">{t('summaries.flagsIntro')}</p>
            <ul className="flags">
              {review.flags.map((flag, index) => (
                <FlagDecision
                  // Flags keep their order and never come or go during a review.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above.
                  key={index}
                  review={review}
                  flag={flag}
                  index={index}
                  onChange={onChange}
                />
              ))}
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
