import { type ReactNode, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { errorMessageKey } from '../api/errors';
import { draftsUnder } from '../drafts/draft-store';
import { ConfirmDialog } from './ConfirmDialog';
import { FormAlert } from './FormAlert';
import type { FieldSpec } from './form/field-spec';
import { RecordForm } from './form/RecordForm';

export interface RecordListProps<R extends { id: string }, S extends z.ZodType> {
  records: readonly R[];
  specs: readonly FieldSpec[];
  schema: S;
  labelPrefix: string;
  /** Unsaved values live under `${draftPrefix}:new` and `${draftPrefix}:<id>`. */
  draftPrefix: string;
  /** Accessible name of one record's form, e.g. 'Verwijzing'. */
  recordLabel: string;
  newLabel: string;
  emptyText: string;
  defaults?: Readonly<Record<string, unknown>>;
  summary(record: R): ReactNode;
  create(values: z.output<S>): Promise<unknown>;
  update(id: string, values: z.output<S>): Promise<unknown>;
  remove?(id: string): Promise<unknown>;
  /** Opens the new-record form at once, e.g. when a duty points here and nothing exists yet. */
  startWithNew?: boolean;
}

/** List, view, add, edit and delete for one kind of record: the same pattern everywhere. */
export function RecordList<R extends { id: string }, S extends z.ZodType>(
  props: RecordListProps<R, S>,
) {
  const { t } = useTranslation();
  // After an auto-lock the editor that had unsaved values opens again by itself.
  const [editing, setEditing] = useState<string | null>(
    () => draftsUnder(props.draftPrefix)[0] ?? (props.startWithNew ? 'new' : null),
  );
  const [deleting, setDeleting] = useState<R | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const form = (record: R | null) => (
    <RecordForm
      label={props.recordLabel}
      specs={props.specs}
      schema={props.schema}
      labelPrefix={props.labelPrefix}
      record={record as Readonly<Record<string, unknown>> | null}
      defaults={props.defaults}
      draftKey={`${props.draftPrefix}:${record?.id ?? 'new'}`}
      submitLabel={record ? t('common.save') : t('common.add')}
      onCancel={() => setEditing(null)}
      onSubmit={async (values) => {
        if (record) await props.update(record.id, values);
        else await props.create(values);
        setEditing(null);
      }}
    />
  );

  return (
    <div className="record-list">
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      {props.records.length === 0 && editing !== 'new' ? (
        <p className="muted">{props.emptyText}</p>
      ) : null}
      <ul className="record-list__items">
        {props.records.map((record) => (
          <li key={record.id} className="record-list__item">
            {editing === record.id ? (
              form(record)
            ) : (
              <div className="record-row">
                <div className="record-row__summary">{props.summary(record)}</div>
                <div className="record-row__actions">
                  <Button className="button button--small" onPress={() => setEditing(record.id)}>
                    {t('common.edit')}
                  </Button>
                  {props.remove ? (
                    <Button
                      className="button button--small button--quiet-danger"
                      onPress={() => setDeleting(record)}
                    >
                      {t('common.delete')}
                    </Button>
                  ) : null}
                </div>
              </div>
            )}
          </li>
        ))}
      </ul>
      {editing === 'new' ? (
        <div className="record-list__new">{form(null)}</div>
      ) : (
        <Button className="button" onPress={() => setEditing('new')}>
          + {props.newLabel}
        </Button>
      )}
      <ConfirmDialog
        isOpen={deleting !== null}
        onOpenChange={(open) => {
          if (!open) setDeleting(null);
        }}
        title={t('common.confirmDeleteTitle', { what: props.recordLabel.toLowerCase() })}
        confirmLabel={t('common.delete')}
        danger
        onConfirm={() => {
          const record = deleting;
          if (!record || !props.remove) return;
          setFailure(null);
          props.remove(record.id).catch((error: unknown) => setFailure(t(errorMessageKey(error))));
        }}
      >
        <p>{t('common.confirmDeleteText')}</p>
      </ConfirmDialog>
    </div>
  );
}
