import { describe, expect, it } from 'vitest';
import { menuActions } from '../../electron/shell/bridge';
import { actionsOf, type MenuItemSpec, menuTemplate } from '../../electron/shell/menu-template';

const platforms = ['linux', 'win32', 'darwin'] as const;
const languages = ['nl', 'en'] as const;

function templates(): MenuItemSpec[][] {
  return platforms.flatMap((platform) =>
    languages.map((language) => menuTemplate({ language, devTools: false, platform })),
  );
}

function accelerated(items: readonly MenuItemSpec[]): MenuItemSpec[] {
  return items.flatMap((item) => [
    ...(item.accelerator ? [item] : []),
    ...accelerated(item.submenu ?? []),
  ]);
}

describe('the native menu', () => {
  it('forwards every action but lock to the page, which knows each one', () => {
    const known = new Set<string>(menuActions);
    for (const template of templates()) {
      for (const action of actionsOf(template)) {
        if (action !== 'lock') expect(known).toContain(action);
      }
    }
  });

  it('offers every action the page handles, About included, on every platform', () => {
    for (const template of templates()) {
      expect(new Set(actionsOf(template))).toEqual(new Set(['lock', ...menuActions]));
    }
  });

  it('gives Ctrl+N one meaning: a new client, as the page does', () => {
    for (const template of templates()) {
      const withN = accelerated(template).filter((item) => item.accelerator === 'CmdOrCtrl+N');
      expect(withN.map((item) => item.action)).toEqual(['new-client']);
    }
  });
});
