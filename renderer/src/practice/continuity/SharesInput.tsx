import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { ShareCheck } from '../../../../electron/api';
import { kluis } from '../../api/kluis';
import { TextInputField } from '../../components/form/Fields';

const CHECK_DELAY_MS = 300;
export const MAX_SHARES = 10;

/** The main process checks each share as it is typed: which group holds the typo. */
function useShareCheck(text: string): ShareCheck | null {
  const [check, setCheck] = useState<ShareCheck | null>(null);
  useEffect(() => {
    if (text.trim() === '') {
      setCheck(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      kluis()
        .continuity.checkShare({ text })
        .then(
          (result) => {
            if (current) setCheck(result);
          },
          () => {
            if (current) setCheck(null);
          },
        );
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);
  return check;
}

function feedback(
  t: (key: string, options?: Record<string, unknown>) => string,
  check: ShareCheck,
) {
  if (check.ok) {
    return t('continuity.shares.ok', {
      number: check.number,
      count: check.count,
      threshold: check.threshold,
      kitId: check.kitId,
    });
  }
  const groups = check.badGroups && check.badGroups.length > 0 ? check.badGroups.join(', ') : '';
  return t(`continuity.shares.problem.${check.problem}`, {
    group: check.group ?? '',
    groups: groups || String(check.group ?? ''),
    defaultValue: t('continuity.shares.problem.checksum'),
  });
}

function ShareField({
  index,
  value,
  onChange,
  onRemove,
}: {
  index: number;
  value: string;
  onChange(value: string): void;
  onRemove?(): void;
}) {
  const { t } = useTranslation();
  const check = useShareCheck(value);
  return (
    <div className="share-field">
      <TextInputField
        label={t('continuity.shares.label', { number: index + 1 })}
        hint={t('continuity.shares.hint')}
        value={value}
        onChange={onChange}
        multiline
        rows={2}
        inputClassName="mono"
        spellCheck={false}
        autoComplete="off"
      />
      <p
        className={`share-field__check ${check === null ? '' : check.ok ? 'share-field__check--ok' : 'share-field__check--bad'}`}
        role="status"
      >
        {check === null ? '' : feedback(t, check)}
      </p>
      {onRemove ? (
        <Button className="link-button share-field__remove" onPress={onRemove}>
          {t('continuity.shares.remove', { number: index + 1 })}
        </Button>
      ) : null}
    </div>
  );
}

/** k shares typed in by the keepers, each checked as it is typed. */
export function SharesInput({
  shares,
  onChange,
  minimum,
}: {
  shares: readonly string[];
  onChange(next: string[]): void;
  minimum: number;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="shares">
      <legend className="field__label">{t('continuity.shares.legend')}</legend>
      {shares.map((share, index) => (
        <ShareField
          // The fields are positional: share 1, share 2…
          // biome-ignore lint/suspicious/noArrayIndexKey: see above.
          key={index}
          index={index}
          value={share}
          onChange={(value) => onChange(shares.map((other, at) => (at === index ? value : other)))}
          onRemove={
            shares.length > minimum
              ? () => onChange(shares.filter((_, at) => at !== index))
              : undefined
          }
        />
      ))}
      {shares.length < MAX_SHARES ? (
        <div>
          <Button className="button button--small" onPress={() => onChange([...shares, ''])}>
            + {t('continuity.shares.add')}
          </Button>
        </div>
      ) : null}
    </fieldset>
  );
}
