import { Injectable, signal } from '@angular/core';

/** Tells the page's parts that a decision changed the counts (the shell's level cards and queue badge). */
@Injectable()
export class PredictiveRefresh {
  readonly version = signal(0);
  bump(): void {
    this.version.update((v) => v + 1);
  }
}
