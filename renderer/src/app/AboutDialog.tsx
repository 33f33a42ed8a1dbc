import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { appVersion } from './version';
import '../components/dialog.css';

/** Help › About: which version this is, under what licence, and where the data lives. */
export function AboutDialog({ isOpen, onClose }: { isOpen: boolean; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={isOpen}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      isDismissable
    >
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog__title">
            {t('about.title')}
          </Heading>
          <div className="dialog__body">
            <p>{t('about.version', { version: appVersion })}</p>
            <p>{t('about.local')}</p>
            <p className="muted">{t('about.licence')}</p>
          </div>
          <div className="dialog__actions">
            <Button className="button button--primary" onPress={onClose} autoFocus>
              {t('about.close')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
