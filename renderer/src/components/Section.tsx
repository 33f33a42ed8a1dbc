import { type ReactNode, useRef } from 'react';
import { useFormTarget } from '../dossier/use-form-target';

interface SectionProps {
  /** The name the compliance panel uses to point here (`?form=<target>`). */
  target?: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  tone?: 'default' | 'prominent';
}

export function Section({ target, title, description, actions, children, tone }: SectionProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const targeted = useFormTarget(target ?? '', heading);
  const id = `section-${target ?? title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section
      className={`section ${tone === 'prominent' ? 'section--prominent' : ''} ${targeted && target ? 'section--targeted' : ''}`}
      aria-labelledby={id}
    >
      <div className="section__head">
        <div>
          <h2 className="section-title" id={id} ref={heading} tabIndex={-1}>
            {title}
          </h2>
          {description ? <div className="section__description">{description}</div> : null}
        </div>
        {actions ? <div className="section__actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
