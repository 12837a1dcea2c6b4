import { Injectable, signal } from '@angular/core';

export type ToastKind = 'error' | 'success' | 'info';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

/** Short-lived messages in the corner of the screen. */
@Injectable({ providedIn: 'root' })
export class ToastService {
  private nextId = 1;
  private readonly items = signal<Toast[]>([]);
  readonly toasts = this.items.asReadonly();

  error(message: string): void {
    this.show('error', message, 6000);
  }

  success(message: string): void {
    this.show('success', message, 3500);
  }

  info(message: string): void {
    this.show('info', message, 4000);
  }

  dismiss(id: number): void {
    this.items.update((list) => list.filter((t) => t.id !== id));
  }

  private show(kind: ToastKind, message: string, ttlMs: number): void {
    // The same message twice in a row (e.g. several requests failing at once) shows once.
    if (this.items().some((t) => t.message === message && t.kind === kind)) return;
    const id = this.nextId++;
    this.items.update((list) => [...list.slice(-3), { id, kind, message }]);
    setTimeout(() => this.dismiss(id), ttlMs);
  }
}
