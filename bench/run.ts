import { benchVault } from './vault.bench';

const only = process.argv[2];
const benches: Record<string, () => Promise<void>> = { vault: () => benchVault() };

for (const [name, run] of Object.entries(benches)) {
  if (!only || only === name) await run();
}
