import { useQueryClient } from '@tanstack/react-query';
import { Component, type ReactNode, useEffect, useRef } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import './page-failed.css';

interface BoundaryProps {
  children: ReactNode;
  /** The page's address: going to another page clears a failure. */
  resetKey: string;
}

interface BoundaryState {
  failed: boolean;
  resetKey: string;
}

/**
 * Without a boundary one error while rendering unmounts the whole tree and the window
 * goes blank; only a reload helps, and a reload loses every draft, which lives in memory
 * only. With it, the failing page alone is replaced by a message: the navigation stays,
 * the draft store keeps what was typed (forms write to it as the coach types and once
 * more as they unmount), and "Try again" mounts the page anew, which lays the drafts
 * back over the saved records.
 */
export class PageBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<BoundaryState> {
    return { failed: true };
  }

  static getDerivedStateFromProps(
    props: BoundaryProps,
    state: BoundaryState,
  ): Partial<BoundaryState> | null {
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey };
  }

  private readonly retry = () => this.setState({ failed: false });

  override render() {
    return this.state.failed ? <PageFailed onRetry={this.retry} /> : this.props.children;
  }
}

/**
 * What shows instead of a page that failed. No error text: it could hold client data,
 * and it would mean nothing to a coach.
 */
function PageFailed({ onRetry }: { onRetry(): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  // The element that had focus is gone; the keyboard carries on from the message.
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="page page-failed" role="alert">
      <h1 className="page-header__title" ref={heading} tabIndex={-1}>
        {t('app.pageFailed.title')}
      </h1>
      <p>{t('app.pageFailed.text')}</p>
      <Button
        className="button button--primary"
        // What the page showed may be what made it fail: it loads anew, drafts on top.
        onPress={() => void queryClient.resetQueries().then(onRetry, onRetry)}
      >
        {t('common.retry')}
      </Button>
    </div>
  );
}
