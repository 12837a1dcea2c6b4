import { DestroyRef, Signal, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Observable } from 'rxjs';

import { errorMessage } from '../../core/utils/api-error';

export type ScanState<T> =
  | { state: 'idle' }
  | { state: 'running'; startedAt: number }
  | { state: 'done'; result: T; seconds: number }
  | { state: 'error'; message: string };

/** What a scan banner reads and does, whatever the scan returns. */
export interface ScanControl {
  readonly running: Signal<boolean>;
  readonly done: Signal<object | null>;
  readonly error: Signal<string | null>;
  readonly elapsed: Signal<number>;
  start(): void;
  dismiss(): void;
}

/**
 * A "Scan Now" button's run: idle → running (with a seconds counter) → done (result, duration) or
 * error (message). Create it in an injection context; the counter stops when the component goes.
 */
export class ScanRun<T> implements ScanControl {
  private readonly destroyRef = inject(DestroyRef);
  private timer: ReturnType<typeof setInterval> | null = null;

  readonly state = signal<ScanState<T>>({ state: 'idle' });
  /** Seconds since the scan started (ticks while it runs). */
  readonly elapsed = signal(0);
  readonly running = computed(() => this.state().state === 'running');
  readonly done = computed(() => {
    const s = this.state();
    return s.state === 'done' ? s : null;
  });
  readonly error = computed(() => {
    const s = this.state();
    return s.state === 'error' ? s.message : null;
  });

  constructor(
    private readonly run: () => Observable<T>,
    private readonly onDone: (result: T) => void,
  ) {
    this.destroyRef.onDestroy(() => this.stopTimer());
  }

  start(): void {
    if (this.running()) return;
    const startedAt = Date.now();
    this.state.set({ state: 'running', startedAt });
    this.elapsed.set(0);
    this.stopTimer();
    this.timer = setInterval(
      () => this.elapsed.set(Math.floor((Date.now() - startedAt) / 1000)),
      1000,
    );
    this.run()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (result) => {
          this.stopTimer();
          this.state.set({
            state: 'done',
            result,
            seconds: Math.max(1, Math.round((Date.now() - startedAt) / 1000)),
          });
          this.onDone(result);
        },
        error: (err: unknown) => {
          this.stopTimer();
          this.state.set({ state: 'error', message: errorMessage(err) });
        },
      });
  }

  dismiss(): void {
    this.state.set({ state: 'idle' });
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** A scan run for a component (injection context). */
export function scanRun<T>(run: () => Observable<T>, onDone: (result: T) => void): ScanRun<T> {
  return new ScanRun(run, onDone);
}
