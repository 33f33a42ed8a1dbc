import type { ReactNode, Ref } from 'react';
import {
  Button,
  Checkbox,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Text,
  TextArea,
  TextField,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import './fields.css';

export interface Choice {
  value: string;
  label: string;
}

export interface BaseProps {
  label: string;
  hint?: string | undefined;
  /** The untranslated validation code, e.g. 'required'. */
  error?: string | undefined;
  isRequired?: boolean | undefined;
  className?: string | undefined;
  name?: string;
}

/** A validation code as a sentence; unknown codes read as a generic 'not valid'. */
export function useValidationMessage(): (code: string | undefined) => string | undefined {
  const { t } = useTranslation();
  return (code) =>
    code === undefined
      ? undefined
      : t(`validation.${code}`, { defaultValue: t('validation.invalid') });
}

export function Hint({ children }: { children?: string | undefined }) {
  return children ? (
    <Text slot="description" className="field__hint">
      {children}
    </Text>
  ) : null;
}

interface TextInputProps extends BaseProps {
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  type?: 'text' | 'email' | 'tel' | 'number' | 'password' | 'search';
  multiline?: boolean;
  rows?: number;
  autoFocus?: boolean;
  autoComplete?: string;
  inputClassName?: string;
  inputRef?: Ref<HTMLInputElement>;
  textAreaRef?: Ref<HTMLTextAreaElement>;
  spellCheck?: boolean;
}

export function TextInputField(props: TextInputProps) {
  const message = useValidationMessage()(props.error);
  return (
    <TextField
      className={`field ${props.className ?? ''}`}
      value={props.value}
      onChange={props.onChange}
      onBlur={props.onBlur}
      isInvalid={props.error !== undefined}
      isRequired={props.isRequired}
      validationBehavior="aria"
      name={props.name}
      autoFocus={props.autoFocus}
      autoComplete={props.autoComplete}
    >
      <Label className="field__label">
        {props.label}
        {props.isRequired ? (
          <span className="field__required" aria-hidden="true">
            {' *'}
          </span>
        ) : null}
      </Label>
      {props.multiline ? (
        <TextArea
          ref={props.textAreaRef}
          className={`field__input field__input--area ${props.inputClassName ?? ''}`}
          rows={props.rows ?? 3}
          spellCheck={props.spellCheck}
        />
      ) : (
        <Input
          ref={props.inputRef}
          className={`field__input ${props.inputClassName ?? ''}`}
          type={props.type ?? 'text'}
          step={props.type === 'number' ? 'any' : undefined}
          spellCheck={props.spellCheck}
        />
      )}
      <Hint>{props.hint}</Hint>
      <FieldError className="field__error">{message}</FieldError>
    </TextField>
  );
}

interface CheckboxProps extends Omit<BaseProps, 'isRequired'> {
  value: boolean;
  onChange(value: boolean): void;
  isDisabled?: boolean;
  children?: ReactNode;
  /**
   * The other hint this box may show (a reason another field can make true). It takes the
   * same room, unseen, so switching hints never moves what lies below: a button the coach
   * is about to click must not jump away when she leaves the field before it.
   */
  spareHint?: string | undefined;
}

export function CheckboxField(props: CheckboxProps) {
  const message = useValidationMessage()(props.error);
  return (
    <div className={`field field--checkbox ${props.className ?? ''}`}>
      <Checkbox
        className="checkbox"
        isSelected={props.value}
        onChange={props.onChange}
        isDisabled={props.isDisabled}
        name={props.name}
        isInvalid={props.error !== undefined}
      >
        <span className="checkbox__box" aria-hidden="true">
          <svg viewBox="0 0 18 18" className="checkbox__mark" aria-hidden="true">
            <polyline points="3.5 9.5 7.5 13 14.5 5" />
          </svg>
        </span>
        <span className="checkbox__label">{props.label}</span>
      </Checkbox>
      {props.spareHint !== undefined ? (
        <div className="field__hints">
          <p className="field__hint field__hint--checkbox">{props.hint}</p>
          <p className="field__hint field__hint--checkbox field__hint--spare" aria-hidden="true">
            {props.spareHint}
          </p>
        </div>
      ) : props.hint ? (
        <p className="field__hint field__hint--checkbox">{props.hint}</p>
      ) : null}
      {message ? (
        <p className="field__error" role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}

interface SelectProps extends BaseProps {
  value: string;
  onChange(value: string): void;
  choices: readonly Choice[];
}

/** Empty values cannot be list keys, so 'none' travels as this marker. */
const NONE = '__none__';

export function SelectField(props: SelectProps) {
  const message = useValidationMessage()(props.error);
  return (
    <Select
      className={`field ${props.className ?? ''}`}
      value={props.value === '' ? NONE : props.value}
      onChange={(key) => props.onChange(key === null || key === NONE ? '' : String(key))}
      isInvalid={props.error !== undefined}
      isRequired={props.isRequired}
      validationBehavior="aria"
      name={props.name}
    >
      <Label className="field__label">{props.label}</Label>
      <Button className="field__input select__button">
        <SelectValue className="select__value" />
        <span className="select__chevron" aria-hidden="true">
          ▾
        </span>
      </Button>
      <Hint>{props.hint}</Hint>
      <FieldError className="field__error">{message}</FieldError>
      <Popover className="select__popover">
        <ListBox className="listbox">
          {props.choices.map((choice) => (
            <ListBoxItem
              key={choice.value === '' ? NONE : choice.value}
              id={choice.value === '' ? NONE : choice.value}
              className="listbox__item"
              textValue={choice.label}
            >
              {choice.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
