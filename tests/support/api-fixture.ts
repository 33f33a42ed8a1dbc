import { createKluisClient, type KluisClient } from '../../electron/client';
import { createDispatcher, type Dispatch } from '../../electron/dispatcher';
import { VaultSession } from '../../electron/services/vault-session';
import { FAST, PASSPHRASE, tempDir } from './vault-fixture';

export interface TestApi {
  dir: string;
  session: VaultSession;
  dispatch: Dispatch;
  kluis: KluisClient;
  /** Moves the clock the services see. */
  setNow(date: Date): void;
}

/** A real vault on disk behind the real dispatcher, as the UI will reach it. */
export async function openTestApi(options: { now?: Date; dir?: string } = {}): Promise<TestApi> {
  const dir = options.dir ?? tempDir();
  const session = new VaultSession(dir, FAST);
  let now = options.now ?? new Date('2026-11-23T10:00:00+01:00');
  const dispatch = createDispatcher(session, { now: () => now });
  const kluis = createKluisClient((method, input) => dispatch(method, input));
  if (session.state === 'none') await kluis.vault.create({ passphrase: PASSPHRASE });
  else await kluis.vault.unlock({ passphrase: PASSPHRASE });
  return {
    dir,
    session,
    dispatch,
    kluis,
    setNow(date) {
      now = date;
    },
  };
}

/** Locks and opens the same vault again through a new session, as an app restart does. */
export async function restart(api: TestApi): Promise<TestApi> {
  api.session.lock('quit');
  return openTestApi({ dir: api.dir });
}

export const aClient = {
  firstName: 'Annemieke',
  lastName: 'van der Berg',
  dateOfBirth: '1984-03-12',
  isMinor: false,
  isVulnerableAdult: false,
  email: 'annemieke@example.nl',
  phone: '06-12345678',
  address: 'Kerkstraat 12, 3511 AB Utrecht',
  sponsorOrganisation: 'Gemeente Utrecht',
  sponsorContact: 'P. de Wit',
  sponsorEmail: '',
  sponsorPhone: '',
  status: 'intake' as const,
  notes: '',
};

/** A dispatcher on a folder where no vault may exist yet (a new computer). */
export async function openTestApiWithoutVault(dir: string): Promise<TestApi> {
  const session = new VaultSession(dir, FAST);
  let now = new Date();
  const dispatch = createDispatcher(session, { now: () => now });
  const kluis = createKluisClient((method, input) => dispatch(method, input));
  return {
    dir,
    session,
    dispatch,
    kluis,
    setNow(date) {
      now = date;
    },
  };
}
