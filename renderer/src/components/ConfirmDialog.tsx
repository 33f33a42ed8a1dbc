import type { ReactNode } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import './dialog.css';

interface ConfirmDialogProps {
  isOpen: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  /** Destructive actions get the red button and are not the default focus. */
  danger?: boolean;
  isConfirmDisabled?: boolean;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={props.isOpen}
      onOpenChange={props.onOpenChange}
      isDismissable
    >
      <Modal className="modal">
        <Dialog className="dialog" role={props.danger ? 'alertdialog' : 'dialog'}>
          {({ close }) => (
            <>
              <Heading slot="title" className="dialog__title">
                {props.title}
              </Heading>
              <div className="dialog__body">{props.children}</div>
              <div className="dialog__actions">
                <Button className="button" onPress={close} autoFocus>
                  {t('common.cancel')}
                </Button>
                <Button
                  className={`button ${props.danger ? 'button--danger' : 'button--primary'}`}
                  isDisabled={props.isConfirmDisabled}
                  onPress={() => {
                    props.onConfirm();
                    close();
                  }}
                >
                  {props.confirmLabel}
                </Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
