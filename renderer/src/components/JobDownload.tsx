import { Button } from 'react-aria-components';
import { downloadJobFile } from '../api/jobs';

/**
 * The end of an export job: save its file through the browser's download, or finish, which
 * forgets the job and its file in the main process. `saved` is the name the file was saved
 * under, announced to screen readers.
 */
export function JobDownload({
  jobId,
  labels,
  saved,
  onSaved,
  onError,
  onFinish,
}: {
  jobId: string;
  labels: { download: string; finish: string; saved: string };
  saved: string | null;
  onSaved(name: string): void;
  onError(error: unknown): void;
  onFinish(): void;
}) {
  return (
    <div className="button-row">
      <Button
        className="button button--primary"
        onPress={() => {
          void downloadJobFile(jobId).then(onSaved, onError);
        }}
      >
        {labels.download}
      </Button>
      <Button className="button" onPress={onFinish}>
        {labels.finish}
      </Button>
      <span role="status" className="form-status">
        {saved ? labels.saved : ''}
      </span>
    </div>
  );
}
