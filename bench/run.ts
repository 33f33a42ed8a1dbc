import { benchVault } from './vault.bench';

const only = process.argv[2];
const benches: Record<string, () => Promise<void>> = { vault: () => benchVault() };
benches.dossier = async () => (await import('./dossier.bench')).benchDossier();
benches.handover = async () => (await import('./handover.bench')).benchHandover();
benches.ui = async () => (await import('./ui.bench')).benchUi();
benches.backup = async () => (await import('./backup.bench')).benchBackup();

for (const [name, run] of Object.entries(benches)) {
  if (!only || only === name) await run();
}
