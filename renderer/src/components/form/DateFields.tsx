import {
  type CalendarDate,
  type CalendarDateTime,
  parseDate,
  parseDateTime,
} from '@internationalized/date';
import { useMemo } from 'react';
import {
  DateField,
  DateInput,
  DateSegment,
  type DateValue,
  FieldError,
  Label,
} from 'react-aria-components';
import { isYearInRange } from '../../../../electron/contract/fields';
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

/**
 * A date, or a date and time, typed in segments. Unlike the native date input, whose order
 * and clock follow the operating system (mm/dd/yyyy and AM/PM on an English Windows),
 * the segments follow the app's language through the I18nProvider in main.tsx: dd-mm-jjjj
 * and a 24-hour clock in Dutch. Each segment takes at most its own digits, so typing date
 * and time in one go moves on to the hour instead of making the year 20261; a year outside
 * the contract's bounds is a field error at once, before any save is tried.
 */
export function DateInputField(props: DateInputFieldProps) {
  const withTime = props.withTime === true;
  const message = useValidationMessage();
  // The same object while the text stays the same: a new one would wipe a half-typed entry.
  const value = useMemo(() => toDateValue(props.value, withTime), [props.value, withTime]);
  const outOfRange = value !== null && !isYearInRange(value.year);
  const error = props.error ?? (outOfRange ? 'yearRange' : undefined);
  return (
    <DateField
      className={`field ${props.className ?? ''}`}
      value={value}
      onChange={(next) => props.onChange(toText(next, withTime))}
      onBlur={props.onBlur}
      granularity={withTime ? 'minute' : 'day'}
      hourCycle={24}
      shouldForceLeadingZeros
      isInvalid={error !== undefined}
      isRequired={props.isRequired}
      validationBehavior="aria"
      name={props.name}
    >
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
