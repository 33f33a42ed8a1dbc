import { useEffect, useRef } from 'react';
import { kluis } from '../api/kluis';
import type { KluisMenuAction } from '../kluis';

/** One handler per menu action the shell forwards: a new action without one is a type error. */
export type MenuHandlers = { readonly [A in KluisMenuAction]: () => void };

/** Listens for the native menu's items that belong to the UI (Help › About, File › New client). */
export function useMenuActions(handlers: MenuHandlers): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => kluis().events?.onMenu((action) => current.current[action]()), []);
}
