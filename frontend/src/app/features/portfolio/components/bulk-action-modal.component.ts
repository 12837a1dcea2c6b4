import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { firstValueFrom } from 'rxjs';

import {
  ActionTypeInfo,
  BulkActionBatch,
  BulkMethod,
  BulkUnitResult,
  CommandCenterService,
  MAX_BATCH_UNITS,
  isBatchFinished,
} from '../../../core/services/command-center.service';
import { errorMessage } from '../../../core/utils/api-error';
import { IconComponent } from '../../../shared/components/icon.component';
import { LoadingStateComponent } from '../../../shared/components/state-views.component';
import { METHOD_LABELS, chunk } from '../command-center-format';

type Phase =
  | { kind: 'preview' }
  | { kind: 'sending'; processed: number; total: number; batch: number; batches: number }
  | { kind: 'done'; batches: BulkActionBatch[] }
  | { kind: 'scheduled'; batches: BulkActionBatch[] };

const POLL_MS = 1000;
const PREVIEW_LIMIT = 10;

/** Whole results of several batches (a selection over 500 units runs as several). */
export function mergeResults(batches: readonly BulkActionBatch[]): {
  results: BulkUnitResult[];
  done: number;
  skipped: number;
  failed: number;
} {
  const results = batches.flatMap((b) => b.results ?? []);
  return {
    results,
    done: results.filter((r) => r.status === 'done').length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    failed: results.filter((r) => r.status === 'failed').length,
  };
}

/** "2026-11-24T09:00" (a datetime-local value, local time) → ISO with the offset; null when empty/invalid. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/**
 * Bulk action modal (spec 1.4 wireframe): the selected units, the AI-generated preview per unit (from
 * POST bulk-actions/preview/), send via email / SMS / both (or no message), Send Now or Schedule, progress
 * while the batches run, then the per-unit results. Selections over 500 units run as consecutive batches.
 */
@Component({
  selector: 'app-bulk-action-modal',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, IconComponent, LoadingStateComponent],
  host: {
    'data-testid': 'bulk-modal',
    role: 'dialog',
    'aria-modal': 'true',
    '[attr.aria-label]': 'info().bulk_label',
  },
  templateUrl: './bulk-action-modal.component.html',
  styleUrl: './bulk-action-modal.component.css',
})
export class BulkActionModalComponent {
  private readonly api = inject(CommandCenterService);
  private destroyed = false;

  readonly info = input.required<ActionTypeInfo>();
  readonly unitIds = input.required<string[]>();
  /** unit id → "1624B (Maria Santos)" for the units the screen has loaded. */
  readonly unitLabels = input<Record<string, string>>({});
  /** Emits whether anything was executed (the screen then reloads). */
  readonly closed = output<boolean>();

  protected readonly methodLabels = METHOD_LABELS;
  protected readonly phase = signal<Phase>({ kind: 'preview' });
  protected readonly method = linkedSignal<BulkMethod>(() => {
    const methods = this.info().methods;
    return methods.includes('email') ? 'email' : methods[0];
  });
  protected readonly scheduling = signal(false);
  protected readonly scheduleAt = signal('');
  protected readonly error = signal<string | null>(null);
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());
  /** Units the manager unticked in the preview: left out of the run. */
  protected readonly excluded = signal<ReadonlySet<string>>(new Set());
  protected readonly included = computed(() => {
    const out = this.excluded();
    return out.size ? this.unitIds().filter((id) => !out.has(id)) : this.unitIds();
  });

  protected readonly batchCount = computed(() =>
    Math.ceil(this.unitIds().length / MAX_BATCH_UNITS),
  );
  protected readonly preview = rxResource({
    params: () => ({
      action: this.info().action_type,
      ids: this.unitIds().slice(0, MAX_BATCH_UNITS),
    }),
    stream: ({ params }) => this.api.preview(params.action, params.ids, PREVIEW_LIMIT),
  });
  protected readonly previewError = computed(() =>
    this.preview.error() ? errorMessage(this.preview.error()) : null,
  );
  protected readonly shown = computed(() =>
    this.preview.hasValue() ? this.preview.value().units.filter((u) => u.content_shown) : [],
  );
  protected readonly ineligible = computed(() =>
    this.preview.hasValue() ? this.preview.value().units.filter((u) => !u.eligible) : [],
  );
  protected readonly unitsLine = computed(() => {
    const labels = this.unitLabels();
    const ids = this.unitIds();
    const named = ids.slice(0, 6).map((id) => labels[id] ?? this.previewLabel(id) ?? 'unit');
    return ids.length > 6 ? `${named.join(', ')} and ${ids.length - 6} more` : named.join(', ');
  });
  protected readonly canSend = computed(
    () =>
      this.phase().kind === 'preview' &&
      this.preview.hasValue() &&
      this.preview.value().eligible_count > 0 &&
      this.included().length > 0 &&
      (!this.scheduling() || !!localInputToIso(this.scheduleAt())),
  );
  protected readonly progressPct = computed(() => {
    const p = this.phase();
    return p.kind === 'sending' && p.total ? Math.round((100 * p.processed) / p.total) : 0;
  });
  protected readonly outcome = computed(() => {
    const p = this.phase();
    return p.kind === 'done' ? mergeResults(p.batches) : null;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => (this.destroyed = true));
  }

  private previewLabel(id: string): string | null {
    if (!this.preview.hasValue()) return null;
    const u = this.preview.value().units.find((x) => x.unit_id === id);
    return u ? (u.tenant_name ? `${u.unit_number} (${u.tenant_name})` : u.unit_number) : null;
  }

  protected toggle(unitId: string): void {
    this.expanded.update((s) => {
      const next = new Set(s);
      if (next.has(unitId)) next.delete(unitId);
      else next.add(unitId);
      return next;
    });
  }

  protected toggleExcluded(unitId: string): void {
    this.excluded.update((s) => {
      const next = new Set(s);
      if (next.has(unitId)) next.delete(unitId);
      else next.add(unitId);
      return next;
    });
  }

  protected close(): void {
    const p = this.phase();
    if (p.kind === 'sending') return; // runs to the end; results follow
    this.closed.emit(p.kind === 'done' || p.kind === 'scheduled');
  }

  /** Runs every batch of 500 one after the other, polling a batch that a worker runs in the background. */
  protected async send(): Promise<void> {
    if (!this.canSend()) return;
    this.error.set(null);
    const scheduledFor = this.scheduling() ? localInputToIso(this.scheduleAt()) : null;
    const groups = chunk(this.included(), MAX_BATCH_UNITS);
    const total = this.included().length;
    const finished: BulkActionBatch[] = [];
    let processed = 0;
    this.phase.set({ kind: 'sending', processed: 0, total, batch: 1, batches: groups.length });
    try {
      for (const [i, ids] of groups.entries()) {
        let batch = await firstValueFrom(
          this.api.execute({
            action_type: this.info().action_type,
            unit_ids: ids,
            method: this.method(),
            scheduled_for: scheduledFor,
          }),
        );
        if (!scheduledFor) {
          while (!isBatchFinished(batch) && !this.destroyed) {
            this.phase.set({
              kind: 'sending',
              processed: processed + batch.processed_count,
              total,
              batch: i + 1,
              batches: groups.length,
            });
            await new Promise((r) => setTimeout(r, POLL_MS));
            batch = await firstValueFrom(this.api.getBatch(batch.id));
          }
        }
        processed += scheduledFor ? ids.length : batch.processed_count || ids.length;
        finished.push(batch);
        this.phase.set({ kind: 'sending', processed, total, batch: i + 1, batches: groups.length });
      }
      this.phase.set(
        scheduledFor
          ? { kind: 'scheduled', batches: finished }
          : { kind: 'done', batches: finished },
      );
    } catch (err) {
      this.error.set(errorMessage(err));
      this.phase.set(finished.length ? { kind: 'done', batches: finished } : { kind: 'preview' });
    }
  }

  protected async cancelScheduled(batch: BulkActionBatch): Promise<void> {
    try {
      const updated = await firstValueFrom(this.api.cancelBatch(batch.id));
      this.phase.update((p) =>
        p.kind === 'scheduled'
          ? { ...p, batches: p.batches.map((b) => (b.id === updated.id ? updated : b)) }
          : p,
      );
    } catch (err) {
      this.error.set(errorMessage(err));
    }
  }
}
