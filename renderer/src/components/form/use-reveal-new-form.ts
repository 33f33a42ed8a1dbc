import { type RefObject, useEffect } from 'react';

/**
 * A new, empty form opened from anywhere (Ctrl+N, a "New" button at the bottom of a long
 * page) starts at its top with the cursor in its first field: the scroll position of the
 * page the coach came from means nothing here.
 */
export function useRevealNewForm(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.scrollIntoView({ block: 'start' });
    element
      .querySelector<HTMLElement>('input:not([type="hidden"]), textarea, select')
      ?.focus({ preventScroll: true });
  }, [ref]);
}
