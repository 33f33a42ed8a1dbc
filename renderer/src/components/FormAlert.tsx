import type { ReactNode } from 'react';
import './form-alert.css';

/** A message above a form or on a page; errors are announced at once. */
export function FormAlert({
  tone,
  children,
}: {
  tone: 'error' | 'info' | 'warning';
  children: ReactNode;
}) {
  return (
    <div className={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
