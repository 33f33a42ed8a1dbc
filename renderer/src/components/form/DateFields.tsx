import {
  type CalendarDate,
  type CalendarDateTime,
  parseDate,
  parseDateTime,
} from '@internationalized/date';
import { useContext, useEffect, useRef, useState } from 'react';
import {
  DateField,
  DateFieldStateContext,
  DateInput,
  DateSegment,
  type DateValue,
  FieldError,
  Label,
} from 'react-aria-components';
import { isYearInRange } from '../../../../electron/contract/fields';
import { type Displayed, readDisplayed } from './displayed-date';
import { type BaseProps, Hint, useValidationMessage } from './Fields';

interface DateInputFieldProps extends BaseProps {
  /** 'YYYY-MM-DD', or 'YYYY-MM-DDTHH:mm' with `withTime`; '' when empty. */
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  withTime?: boolean;
}

/** The form's text as the field's value; text that is no date (a bad draft) shows empty. */
function toDateValue(text: string, withTime: boolean): CalendarDate | CalendarDateTime | null {
  if (text === '') return null;
  try {
    return withTime ? parseDateTime(text) : parseDate(text);
  } catch {
    return null;
  }
}

function toText(value: DateValue | null, withTime: boolean): string {
  if (value === null) return '';
  const text = value.toString();
  return withTime ? text.slice(0, 16) : text.slice(0, 10);
}

/** How long the segments must rest, complete and valid, before the form hears of them. */
export const DATE_PAUSE_MS = 1000;

/** Reports what the segments show at every render; react-aria keeps that state to itself. */
function DisplayProbe({
  withTime,
  onShown,
}: {
  withTime: boolean;
  onShown(shown: Displayed, key: string): void;
}) {
  const state = useContext(DateFieldStateContext);
  const segments = state?.segments ?? [];
  onShown(
    readDisplayed(segments, withTime),
    segments.map((segment) => (segment.isPlaceholder ? '_' : String(segment.value))).join('|'),
  );
  return null;
}

/**
 * A date, or a date and time, typed in segments. Unlike the native date input, whose order
 * and clock follow the operating system (mm/dd/yyyy and AM/PM on an English Windows),
 * the segments follow the app's language through the I18nProvider in main.tsx: dd-mm-jjjj
 * and a 24-hour clock in Dutch. Each segment takes at most its own digits, so typing date
 * and time in one go moves on to the hour instead of making the year 20261; a year outside
 * the contract's bounds is a field error at once, before any save is tried.
 *
 * react-aria reports every complete value while the coach is still typing (3 April on the
 * way to 31) and constrains an impossible one on blur (31-02 becomes 28-02): neither is
 * what the coach chose. The form hears of a value only when the field loses focus, or when
 * the segments rest complete and valid for a moment, and then exactly what they show. An
 * impossible date is a field error and the saved value stays.
 */
export function DateInputField(props: DateInputFieldProps) {
  const withTime = props.withTime === true;
  const message = useValidationMessage();
  const { value: saved, onChange } = props;
  const [shown, setShown] = useState(() => toDateValue(saved, withTime));
  const [typedError, setTypedError] = useState<string | undefined>(undefined);
  const [displayKey, setDisplayKey] = useState('');
  const displayed = useRef<Displayed>({ kind: 'empty' });
  const focused = useRef(false);
  const fieldRef = useRef<HTMLDivElement>(null);

  // A new saved value from outside (a draft restored, a record loaded) while not typing.
  useEffect(() => {
    if (focused.current) return;
    setShown((current) =>
      toText(current, withTime) === saved ? current : toDateValue(saved, withTime),
    );
  }, [saved, withTime]);

  const commit = (final: boolean) => {
    const now = displayed.current;
    // A year out of range goes to the form as shown: its validation holds it back and the
    // editor says "not saved", rather than claiming the field's value is saved.
    if (now.kind === 'valid' || now.kind === 'yearRange') {
      setTypedError(undefined);
      if (now.text !== saved) onChange(now.text);
      return;
    }
    if (!final) return;
    if (now.kind === 'empty') {
      if (saved !== '') onChange('');
      return;
    }
    if (now.kind === 'impossible') {
      // react-aria put a constrained date in the field on blur; show the saved one instead.
      setShown(toDateValue(saved, withTime));
      setTypedError('dateImpossible');
      return;
    }
    setTypedError('date');
  };
  const commitRef = useRef(commit);
  commitRef.current = commit;

  // Complete, valid and untouched for a moment: the coach paused, the form may save it.
  useEffect(() => {
    if (displayKey === '' || !focused.current) return;
    const timer = setTimeout(() => commitRef.current(false), DATE_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [displayKey]);

  const outOfRange = shown !== null && !isYearInRange(shown.year);
  const error = props.error ?? typedError ?? (outOfRange ? 'yearRange' : undefined);
  return (
    <DateField
      ref={fieldRef}
      className={`field ${props.className ?? ''}`}
      value={shown}
      onChange={(next) => {
        const typing = fieldRef.current?.contains(document.activeElement) === true;
        // On blur react-aria constrains an impossible date (31-02 to 28-02): not the coach's.
        if (!typing && displayed.current.kind === 'impossible') return;
        setShown(next);
      }}
      onFocus={() => {
        focused.current = true;
      }}
      onBlur={() => {
        focused.current = false;
        commit(true);
        props.onBlur?.();
      }}
      granularity={withTime ? 'minute' : 'day'}
      hourCycle={24}
      shouldForceLeadingZeros
      isInvalid={error !== undefined}
      isRequired={props.isRequired}
      validationBehavior="aria"
      name={props.name}
    >
      <DisplayProbe
        withTime={withTime}
        onShown={(now, key) => {
          displayed.current = now;
          if (key !== displayKey && focused.current) {
            // Deferred: the probe renders inside react-aria's tree.
            queueMicrotask(() => {
              setDisplayKey(key);
              setTypedError(undefined);
            });
          }
        }}
      />
      <Label className="field__label">
        {props.label}
        {props.isRequired ? (
          <span className="field__required" aria-hidden="true">
            {' *'}
          </span>
        ) : null}
      </Label>
      <DateInput className="field__input date-input">
        {(segment) => <DateSegment segment={segment} className="date-input__segment" />}
      </DateInput>
      <Hint>{props.hint}</Hint>
      <FieldError className="field__error">{message(error)}</FieldError>
    </DateField>
  );
}
