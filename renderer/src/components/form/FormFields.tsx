import { type Control, Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DateInputField } from './DateFields';
import { CheckboxField, type Choice, SelectField, TextInputField } from './Fields';
import type { FieldImplication, FieldSpec, FormValues } from './field-spec';

interface FormFieldsProps {
  specs: readonly FieldSpec[];
  control: Control<FormValues>;
  /** Labels are `${labelPrefix}.${name}`. */
  labelPrefix: string;
  /** Options computed at run time (documents to pick from), by field name. */
  choices?: Readonly<Record<string, readonly Choice[]>>;
}

const INPUT_TYPE = {
  text: 'text',
  email: 'email',
  tel: 'tel',
  number: 'number',
  tags: 'text',
} as const;

/** A checkbox another field can tick: then ticked, locked, and with the reason as its hint. */
function ImpliedCheckbox(props: {
  common: { name: string; label: string; hint?: string; error?: string; className?: string };
  control: Control<FormValues>;
  implication: FieldImplication;
  value: boolean;
  onChange(value: boolean): void;
}) {
  const { t } = useTranslation();
  const other = useWatch({ control: props.control, name: props.implication.field });
  const implied = typeof other === 'string' && props.implication.holds(other);
  return (
    <CheckboxField
      {...props.common}
      hint={implied ? t(props.implication.reasonKey) : props.common.hint}
      spareHint={implied ? props.common.hint : t(props.implication.reasonKey)}
      value={implied || props.value}
      isDisabled={implied}
      onChange={props.onChange}
    />
  );
}

/** Renders a record's fields from their specs, each bound to react-hook-form. */
export function FormFields({ specs, control, labelPrefix, choices }: FormFieldsProps) {
  const { t } = useTranslation();
  return (
    <div className="form-grid">
      {specs.map((spec) => (
        <Controller
          key={spec.name}
          name={spec.name}
          control={control}
          render={({ field, fieldState }) => {
            const common = {
              name: spec.name,
              label: t(`${labelPrefix}.${spec.name}`),
              hint: spec.hintKey ? t(spec.hintKey) : undefined,
              error: fieldState.error?.message,
              isRequired: spec.required,
              className: spec.wide || spec.kind === 'textarea' ? 'field--wide' : undefined,
            };
            if (spec.kind === 'checkbox' && spec.impliedBy) {
              return (
                <ImpliedCheckbox
                  common={common}
                  control={control}
                  implication={spec.impliedBy}
                  value={field.value === true}
                  onChange={(value) => field.onChange(value)}
                />
              );
            }
            if (spec.kind === 'checkbox') {
              return (
                <CheckboxField
                  {...common}
                  value={field.value === true}
                  onChange={(value) => field.onChange(value)}
                />
              );
            }
            const text = typeof field.value === 'string' ? field.value : '';
            if (spec.kind === 'select') {
              const options: readonly Choice[] =
                choices?.[spec.name] ??
                (spec.options ?? []).map((option) => ({
                  value: option,
                  label: t(`${spec.optionsKey ?? labelPrefix}.${option}`),
                }));
              return (
                <SelectField
                  {...common}
                  value={text}
                  onChange={(value) => field.onChange(value)}
                  choices={options}
                />
              );
            }
            if (spec.kind === 'date' || spec.kind === 'datetime') {
              return (
                <DateInputField
                  {...common}
                  value={text}
                  onChange={(value) => field.onChange(value)}
                  onBlur={field.onBlur}
                  withTime={spec.kind === 'datetime'}
                />
              );
            }
            return (
              <TextInputField
                {...common}
                value={text}
                onChange={(value) => field.onChange(value)}
                onBlur={field.onBlur}
                multiline={spec.kind === 'textarea'}
                type={spec.kind === 'textarea' ? undefined : INPUT_TYPE[spec.kind]}
              />
            );
          }}
        />
      ))}
    </div>
  );
}
