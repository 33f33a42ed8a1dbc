import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { ContinuityStatus } from '../../../../electron/api';
import {
  type ContinuityPlanFields,
  continuityPlanFields,
} from '../../../../electron/services/handover/contract';
import { errorMessage } from '../../api/errors';
import { kluis } from '../../api/kluis';
import { keys, useInvalidate } from '../../api/queries';
import { FormAlert } from '../../components/FormAlert';
import { TextInputField } from '../../components/form/Fields';
import { issueCode } from '../../components/form/field-spec';
import { useDraftState } from '../../drafts/use-draft-state';

type Successor = ContinuityPlanFields['successors'][number];
type Keeper = ContinuityPlanFields['keepers'][number];

const emptySuccessor: Successor = {
  name: '',
  organisation: '',
  email: '',
  phone: '',
  recipient: '',
  notes: '',
};
const emptyKeeper: Keeper = { name: '', role: '', email: '', phone: '', notes: '' };

function fieldsOf(status: ContinuityStatus): ContinuityPlanFields {
  const { plan } = status;
  return {
    successors: plan.successors.map((s) => ({
      id: s.id,
      name: s.name,
      organisation: s.organisation,
      email: s.email,
      phone: s.phone,
      recipient: s.recipient,
      notes: s.notes,
    })),
    keepers: plan.keepers.map((k) => ({
      id: k.id,
      name: k.name,
      role: k.role,
      email: k.email,
      phone: k.phone,
      notes: k.notes,
    })),
    custodianInstructions: plan.custodianInstructions,
    whoToInform: plan.whoToInform,
    insurer: plan.insurer,
    bundleLocationNote: plan.bundleLocationNote,
  };
}

type Errors = Record<string, string>;

/** One person of the plan (a successor or a keeper): a small card of fields. */
function PersonCard<P extends Record<string, unknown>>({
  title,
  person,
  names,
  prefix,
  errors,
  path,
  onChange,
  onRemove,
  removeLabel,
}: {
  title: string;
  person: P;
  names: readonly (keyof P & string)[];
  prefix: string;
  errors: Errors;
  path: string;
  onChange(next: P): void;
  onRemove(): void;
  removeLabel: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="person-card">
      <legend className="person-card__title">{title}</legend>
      <div className="form-grid">
        {names.map((name) => (
          <TextInputField
            key={name}
            label={t(`${prefix}.${name}`)}
            hint={name === 'recipient' ? t(`${prefix}.recipientHint`) : undefined}
            value={String(person[name] ?? '')}
            onChange={(value) => onChange({ ...person, [name]: value })}
            isRequired={name === 'name'}
            error={errors[`${path}.${name}`]}
            multiline={name === 'notes' || name === 'recipient'}
            rows={2}
            className={name === 'notes' || name === 'recipient' ? 'field--wide' : undefined}
            inputClassName={name === 'recipient' ? 'mono' : undefined}
            spellCheck={name === 'recipient' ? false : undefined}
          />
        ))}
      </div>
      <Button className="button button--small button--quiet-danger" onPress={onRemove}>
        {removeLabel}
      </Button>
    </fieldset>
  );
}

/** 2.28: who takes over, who holds the key, and what the custodian needs to know. */
export function PlanForm({ status }: { status: ContinuityStatus }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [values, setValues, forget] = useDraftState<ContinuityPlanFields>('continuity:plan', () =>
    fieldsOf(status),
  );
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');

  const change = (next: ContinuityPlanFields) => {
    setValues(next);
    setState('idle');
  };

  async function save() {
    setFailure(null);
    const parsed = continuityPlanFields.strict().safeParse(values);
    if (!parsed.success) {
      const found: Errors = {};
      for (const issue of parsed.error.issues) {
        const path = issue.path.join('.');
        found[path] ??= issueCode(issue);
      }
      setErrors(found);
      setFailure(t('validation.checkFields'));
      return;
    }
    setErrors({});
    setState('saving');
    try {
      const saved = await kluis().continuity.savePlan(parsed.data);
      forget();
      setValues(fieldsOf(saved));
      await invalidate(keys.continuity, keys.practice);
      setState('saved');
    } catch (error) {
      setState('idle');
      setFailure(errorMessage(t, error));
    }
  }

  const text = (name: 'custodianInstructions' | 'whoToInform' | 'insurer') => (
    <TextInputField
      label={t(`fields.continuity.${name}`)}
      hint={t(`fields.continuity.${name}Hint`)}
      value={values[name]}
      onChange={(value) => change({ ...values, [name]: value })}
      error={errors[name]}
      multiline
      rows={4}
      className="field--wide"
    />
  );

  return (
    <Form
      className="record-form plan-form"
      aria-label={t('continuity.plan.title')}
      validationBehavior="aria"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      <section className="plan-form__group" aria-labelledby="plan-successors">
        <h3 id="plan-successors" className="subsection-title">
          {t('continuity.plan.successors')}
        </h3>
        <p className="muted">{t('continuity.plan.successorsIntro')}</p>
        {values.successors.length === 0 ? (
          <p className="muted">{t('continuity.plan.noSuccessors')}</p>
        ) : null}
        {values.successors.map((successor, index) => (
          <PersonCard
            key={successor.id ?? `new-${index}`}
            title={t('continuity.plan.successorN', { number: index + 1 })}
            person={successor}
            names={['name', 'organisation', 'email', 'phone', 'recipient', 'notes']}
            prefix="fields.successor"
            errors={errors}
            path={`successors.${index}`}
            onChange={(next) =>
              change({
                ...values,
                successors: values.successors.map((s, at) => (at === index ? next : s)),
              })
            }
            onRemove={() =>
              change({ ...values, successors: values.successors.filter((_, at) => at !== index) })
            }
            removeLabel={t('continuity.plan.removeSuccessor', { number: index + 1 })}
          />
        ))}
        <div>
          <Button
            className="button button--small"
            isDisabled={values.successors.length >= 10}
            onPress={() =>
              change({ ...values, successors: [...values.successors, { ...emptySuccessor }] })
            }
          >
            + {t('continuity.plan.addSuccessor')}
          </Button>
        </div>
      </section>
      <section className="plan-form__group" aria-labelledby="plan-keepers">
        <h3 id="plan-keepers" className="subsection-title">
          {t('continuity.plan.keepers')}
        </h3>
        <p className="muted">{t('continuity.plan.keepersIntro')}</p>
        {values.keepers.length === 0 ? (
          <p className="muted">{t('continuity.plan.noKeepers')}</p>
        ) : null}
        {values.keepers.map((keeper, index) => (
          <PersonCard
            key={keeper.id ?? `new-${index}`}
            title={t('continuity.plan.keeperN', { number: index + 1 })}
            person={keeper}
            names={['name', 'role', 'email', 'phone', 'notes']}
            prefix="fields.keeper"
            errors={errors}
            path={`keepers.${index}`}
            onChange={(next) =>
              change({
                ...values,
                keepers: values.keepers.map((k, at) => (at === index ? next : k)),
              })
            }
            onRemove={() =>
              change({ ...values, keepers: values.keepers.filter((_, at) => at !== index) })
            }
            removeLabel={t('continuity.plan.removeKeeper', { number: index + 1 })}
          />
        ))}
        <div>
          <Button
            className="button button--small"
            isDisabled={values.keepers.length >= 10}
            onPress={() => change({ ...values, keepers: [...values.keepers, { ...emptyKeeper }] })}
          >
            + {t('continuity.plan.addKeeper')}
          </Button>
        </div>
      </section>
      <section className="plan-form__group" aria-labelledby="plan-custodian">
        <h3 id="plan-custodian" className="subsection-title">
          {t('continuity.plan.custodian')}
        </h3>
        <div className="form-grid">
          {text('custodianInstructions')}
          {text('whoToInform')}
          {text('insurer')}
          <TextInputField
            label={t('fields.continuity.bundleLocationNote')}
            hint={t('fields.continuity.bundleLocationNoteHint')}
            value={values.bundleLocationNote}
            onChange={(value) => change({ ...values, bundleLocationNote: value })}
            error={errors.bundleLocationNote}
            className="field--wide"
          />
        </div>
      </section>
      <div className="form-actions">
        <Button type="submit" className="button button--primary" isDisabled={state === 'saving'}>
          {state === 'saving' ? t('common.saving') : t('continuity.plan.save')}
        </Button>
        <span className="form-status" role="status">
          {state === 'saved' ? t('common.saved') : ''}
        </span>
      </div>
    </Form>
  );
}
