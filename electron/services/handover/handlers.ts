import type { MethodName } from '../../api';
import { ApiError } from '../api-error';
import type { ServiceContext } from '../context';
import type { Handlers } from '../handlers';
import { HandoverEngine } from './engine';
import { HandoverError } from './errors';

/**
 * The `handover.*` and `continuity.*` methods of the contract, bound to the engine of
 * the vault the call runs in. Long work returns a job id at once; everything else is a
 * short synchronous call inside the dispatcher's transaction.
 */

type HandoverMethod = Extract<MethodName, `handover.${string}` | `continuity.${string}`>;

function run<T>(ctx: ServiceContext, work: (engine: HandoverEngine) => T): T {
  try {
    return work(HandoverEngine.for(ctx));
  } catch (error) {
    if (error instanceof HandoverError) throw new ApiError(error.code, error.message, error.detail);
    throw error;
  }
}

export const handoverHandlers: Pick<Handlers, HandoverMethod> = {
  'handover.key': (ctx) => run(ctx, (e) => e.key(ctx)),
  'handover.export': (ctx, input) => run(ctx, (e) => e.startExport(ctx, input)),
  'handover.accessExport': (ctx, input) => run(ctx, (e) => e.startAccessExport(ctx, input)),
  'handover.progress': (ctx, input) => run(ctx, (e) => e.progress(input.jobId)),
  'handover.jobs': (ctx) => run(ctx, (e) => e.list()),
  'handover.cancel': (ctx, input) => run(ctx, (e) => e.cancel(input.jobId)),
  'handover.discard': (ctx, input) => run(ctx, (e) => e.discard(input.jobId)),
  'handover.download': (ctx, input) =>
    run(ctx, (e) => e.download(input.jobId, input.offset, input.length)),
  'handover.uploadBegin': (ctx, input) => run(ctx, (e) => e.uploadBegin(input.totalBytes)),
  'handover.uploadChunk': (ctx, input) =>
    run(ctx, (e) => e.uploadChunk(input.uploadId, input.offset, input.chunkBase64)),
  'handover.uploadDiscard': (ctx, input) => run(ctx, (e) => e.uploadDiscard(input.uploadId)),
  'handover.inspect': (ctx, input) => run(ctx, (e) => e.startInspect(ctx, input)),
  'handover.import': (ctx, input) => run(ctx, (e) => e.startImport(ctx, input)),
  'handover.discardInspection': (ctx, input) =>
    run(ctx, (e) => e.discardInspection(input.inspectionId)),
  'handover.letterTemplate': (ctx) => run(ctx, (e) => e.letterTemplate(ctx)),
  'handover.saveLetterTemplate': (ctx, input) =>
    run(ctx, (e) => e.saveLetterTemplate(ctx, input.template)),

  'continuity.get': (ctx) => run(ctx, (e) => e.continuity(ctx)),
  'continuity.savePlan': (ctx, input) => run(ctx, (e) => e.savePlan(ctx, input)),
  'continuity.setBundleFolder': (ctx, input) =>
    run(ctx, (e) => e.setBundleFolder(ctx, input.folderToken)),
  'continuity.checkShare': (ctx, input) => run(ctx, (e) => e.checkShare(input.text)),
  'continuity.issueKit': (ctx, input) => run(ctx, (e) => e.startIssueKit(ctx, input)),
  'continuity.keeperSheet': (ctx, input) => run(ctx, (e) => e.startKeeperSheet(ctx, input)),
  'continuity.finishHandout': (ctx, input) => run(ctx, (e) => e.finishHandout(ctx, input)),
  'continuity.refresh': (ctx) => run(ctx, (e) => e.startRefresh(ctx)),
  'continuity.drill': (ctx, input) => run(ctx, (e) => e.startDrill(ctx, input)),
  'continuity.recover': (ctx, input) => run(ctx, (e) => e.startRecover(ctx, input)),
};
