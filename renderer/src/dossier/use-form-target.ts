import { type RefObject, useEffect } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The compliance panel links to the form that fixes a duty (`?form=contract`): bring that
 * section into view and put the keyboard focus on its heading.
 */
export function useFormTarget(name: string, ref: RefObject<HTMLElement | null>): boolean {
  const [params] = useSearchParams();
  const targeted = params.get('form') === name;
  useEffect(() => {
    if (!targeted) return;
    const element = ref.current;
    if (!element) return;
    element.scrollIntoView({ block: 'start' });
    element.focus({ preventScroll: true });
  }, [targeted, ref]);
  return targeted;
}
