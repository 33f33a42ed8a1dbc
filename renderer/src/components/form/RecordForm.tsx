import { type ReactNode, useId, useMemo, useRef, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { asApiFailure, errorMessage } from '../../api/errors';
import { useFormDraft } from '../../drafts/use-form-draft';
import { FormAlert } from '../FormAlert';
import type { Choice } from './Fields';
import { FormFields } from './FormFields';
import {
  apiResolver,
  type FieldSpec,
  type FormValues,
  toApiValues,
  toFormValues,
} from './field-spec';

export interface RecordFormProps<S extends z.ZodType> {
  specs: readonly FieldSpec[];
  /** The contract's schema for what the form submits. */
  schema: S;
  labelPrefix: string;
  record?: Readonly<Record<string, unknown>> | null | undefined;
  defaults?: Readonly<Record<string, unknown>>;
  /** Where unsaved values wait in memory; null for forms not worth keeping. */
  draftKey: string | null;
  submitLabel: string;
  onSubmit(value: z.output<S>): Promise<unknown>;
  /**
   * Asked before saving; false stops without saving and without "saved" (the caller shows
   * why, e.g. a warning with its own button that calls `submitAnyway`). `anyway` is true
   * only for that button, never for the form's own submit button.
   */
  confirmSubmit?(value: z.output<S>, anyway: boolean): Promise<boolean>;
  onCancel?(): void;
  choices?: Readonly<Record<string, readonly Choice[]>>;
  /** Accessible name of the form. */
  label: string;
  children?: ReactNode;
  /** Controls beside the fields that fill one in, e.g. an upload that picks the new file. */
  extra?(controls: ExtraControls): ReactNode;
}

export interface ExtraControls {
  /** A field the vault already stored (an upload linked at once): shown, and not unsaved. */
  setSavedValue(name: string, value: string | boolean): void;
  /** Submits as the coach's explicit "save anyway" after a warning of `confirmSubmit`. */
  submitAnyway(): void;
}

type Status = 'idle' | 'saving' | 'saved';

/**
 * One form for every record of the contract: fields from specs, validation by the
 * contract's schema, errors from the API next to their field, the coach's input kept on
 * any failure and kept in memory across an auto-lock.
 */
export function RecordForm<S extends z.ZodType>(props: RecordFormProps<S>) {
  const { t } = useTranslation();
  const { specs, schema } = props;
  const resolver = useMemo(() => apiResolver(specs, schema), [specs, schema]);
  const defaultValues = useMemo(
    () => toFormValues(specs, props.record, props.defaults),
    [specs, props.record, props.defaults],
  );
  const form = useForm<FormValues>({ defaultValues, resolver, mode: 'onSubmit' });
  const draft = useFormDraft(props.draftKey, form, true);
  const [failure, setFailure] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>('idle');
  const statusId = useId();
  // A second click (a double-click) arrives before React shows the button disabled: a ref,
  // not the status, keeps one submit at a time.
  const busy = useRef(false);

  const save = (anyway: boolean) =>
    form.handleSubmit(async (values) => {
      setFailure(null);
      setStatus('saving');
      try {
        const value = schema.parse(toApiValues(specs, values));
        if (props.confirmSubmit && !(await props.confirmSubmit(value, anyway))) {
          setStatus('idle');
          return;
        }
        await props.onSubmit(value);
        draft.saved();
        form.reset(values);
        setStatus('saved');
      } catch (error) {
        setStatus('idle');
        const api = asApiFailure(error);
        for (const issue of api?.issues ?? []) {
          const name = issue.path.split('.')[0] ?? '';
          if (specs.some((spec) => spec.name === name)) {
            form.setError(name, { type: issue.code, message: issue.code });
          }
        }
        setFailure(errorMessage(t, error));
      }
    });

  const submit = (anyway: boolean) => {
    if (busy.current) return;
    busy.current = true;
    void save(anyway)().finally(() => {
      busy.current = false;
    });
  };

  return (
    <Form
      className="record-form"
      aria-label={props.label}
      aria-describedby={statusId}
      validationBehavior="aria"
      onSubmit={(event) => {
        event.preventDefault();
        submit(false);
      }}
    >
      {draft.restored ? (
        <FormAlert tone="info">
          {t('drafts.restored')}{' '}
          <Button className="link-button" onPress={draft.discard}>
            {t('drafts.discard')}
          </Button>
        </FormAlert>
      ) : null}
      {Object.keys(form.formState.errors).length > 0 && failure === null ? (
        <FormAlert tone="error">{t('validation.checkFields')}</FormAlert>
      ) : null}
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      <FormFields
        specs={specs}
        control={form.control}
        labelPrefix={props.labelPrefix}
        choices={props.choices}
      />
      {props.children}
      {props.extra?.({
        setSavedValue(name, value) {
          // The new saved value becomes the field's baseline; other unsaved edits stay.
          form.resetField(name, { defaultValue: value });
          if (form.formState.isDirty) draft.capture();
        },
        submitAnyway() {
          submit(true);
        },
      })}
      <div className="form-actions">
        <Button type="submit" className="button button--primary" isDisabled={status === 'saving'}>
          {status === 'saving' ? t('common.saving') : props.submitLabel}
        </Button>
        {props.onCancel ? (
          <Button
            className="button"
            onPress={() => {
              // Cancel means "not this": the typed text must not come back with the form.
              draft.discard();
              props.onCancel?.();
            }}
          >
            {t('common.cancel')}
          </Button>
        ) : null}
        <span id={statusId} className="form-status" role="status">
          {status === 'saved' && !form.formState.isDirty ? t('common.saved') : ''}
        </span>
      </div>
    </Form>
  );
}
