import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Observable } from 'rxjs';

import { AuthService } from '../../core/auth/auth.service';
import {
  DamageCategory,
  DamageItem,
  DamageSeverity,
  InspectionDetail,
  InspectionPhoto,
} from '../../core/models';
import { InspectionService } from '../../core/services/inspection.service';
import { errorMessage } from '../../core/utils/api-error';
import { ToneBadgeComponent } from '../../shared/components/tone-badge.component';
import {
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import {
  CLASSIFICATION_TONES,
  STATUS_TONES,
  classificationLabel,
  groupByRoom,
  progressPercent,
  providerText,
  statusLabel,
} from './inspection-format';

const POLL_MS = 2000;

/**
 * /inspections/:id: the photo grid by room with colour-coded classification badges (and who classified each),
 * the counts (clean / wear / damage / needs review) and total damage, the analysis' progress, and a lightbox
 * per photo: the change overlay against the earlier photo of the room, the measured quality, the reviewer's
 * override and the damage items (cost defaults to the table's midpoint, editable). Finalize locks it and writes
 * the deductions on the turnover case.
 */
@Component({
  selector: 'app-inspection-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    FormsModule,
    AppDatePipe,
    MoneyPipe,
    ToneBadgeComponent,
    LoadingStateComponent,
    ErrorStateComponent,
  ],
  templateUrl: './inspection-detail.component.html',
  styleUrl: './inspection-detail.component.css',
})
export class InspectionDetailComponent {
  private readonly inspections = inject(InspectionService);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  readonly inspectionId = input.required<string>();
  protected readonly detail = rxResource({
    params: () => this.inspectionId(),
    stream: ({ params }) => this.inspections.get(params),
  });
  protected readonly reference = rxResource({ stream: () => this.inspections.reference() });

  protected readonly canInspect = computed(() =>
    this.auth.canAny('manage_leases', 'manage_maintenance'),
  );
  protected readonly canDeposit = computed(() => this.auth.can('manage_leases'));
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly openId = signal<string | null>(null);
  protected readonly showOverlay = signal(true);
  protected readonly errorText = errorMessage;
  protected readonly tones = CLASSIFICATION_TONES;
  protected readonly statusTones = STATUS_TONES;
  protected readonly cls = classificationLabel;
  protected readonly statusLabel = statusLabel;
  protected readonly provider = providerText;
  protected readonly classes = ['clean', 'normal_wear', 'damage', 'needs_review'];

  protected readonly groups = computed(() =>
    this.detail.hasValue() ? groupByRoom(this.detail.value().photos) : [],
  );
  protected readonly open = computed<InspectionPhoto | null>(() => {
    const id = this.openId();
    if (!id || !this.detail.hasValue()) return null;
    return this.detail.value().photos.find((p) => p.id === id) ?? null;
  });
  protected readonly progress = computed(() => {
    if (!this.detail.hasValue()) return 0;
    const d = this.detail.value();
    return progressPercent(d.ai_photos_done, d.ai_photos_total);
  });
  protected readonly locked = computed(
    () => this.detail.hasValue() && this.detail.value().status === 'finalized',
  );

  protected item: {
    item: string;
    category: DamageCategory;
    severity: DamageSeverity;
    location: string;
    estimated_cost: string;
  } = this.blankItem();

  constructor() {
    // while the analysis runs (a worker), poll for its per-photo progress
    const timer = signal<ReturnType<typeof setTimeout> | null>(null);
    effect(() => {
      const processing = this.detail.hasValue() && this.detail.value().status === 'ai_processing';
      const t = timer();
      if (processing && !t && !this.detail.isLoading()) {
        timer.set(
          setTimeout(() => {
            timer.set(null);
            this.detail.reload();
          }, POLL_MS),
        );
      }
    });
    inject(DestroyRef).onDestroy(() => {
      const t = timer();
      if (t) clearTimeout(t);
    });
  }

  private blankItem() {
    return {
      item: '',
      category: 'wall_damage' as DamageCategory,
      severity: 'minor' as DamageSeverity,
      location: '',
      estimated_cost: '',
    };
  }

  protected defaultCost(category: string, severity: string): string | null {
    if (!this.reference.hasValue()) return null;
    return this.reference.value().cost_table[category]?.[severity]?.default ?? null;
  }

  private run(call: Observable<unknown>, after?: (r: unknown) => void): void {
    this.busy.set(true);
    this.message.set(null);
    call.subscribe({
      next: (r) => {
        this.busy.set(false);
        after?.(r);
        this.detail.reload();
      },
      error: (err) => {
        this.busy.set(false);
        this.message.set(errorMessage(err));
      },
    });
  }

  protected analyse(d: InspectionDetail, force = false): void {
    this.run(this.inspections.analyze(d.id, force));
  }

  protected override(p: InspectionPhoto, value: string): void {
    this.run(this.inspections.review(p.id, value));
  }

  protected addItem(p: InspectionPhoto): void {
    const f = this.item;
    this.run(
      this.inspections.addItem(p.id, {
        item: f.item,
        category: f.category,
        severity: f.severity,
        location: f.location,
        estimated_cost: f.estimated_cost.trim() || null,
      }),
      () => (this.item = this.blankItem()),
    );
  }

  protected setCost(p: InspectionPhoto, x: DamageItem, value: string): void {
    if (!value.trim() || value === x.estimated_cost) return;
    this.run(this.inspections.updateItem(p.id, x.id, { estimated_cost: value.trim() }));
  }

  protected setSeverity(p: InspectionPhoto, x: DamageItem, value: DamageSeverity): void {
    this.run(this.inspections.updateItem(p.id, x.id, { severity: value }));
  }

  protected removeItem(p: InspectionPhoto, x: DamageItem): void {
    this.run(this.inspections.deleteItem(p.id, x.id));
  }

  protected finalize(d: InspectionDetail): void {
    this.run(this.inspections.finalize(d.id));
  }

  protected letter(d: InspectionDetail): void {
    this.run(this.inspections.generateLetter(d.id), () => {
      void this.router.navigate(['/inspections', d.id, 'letter']);
    });
  }

  protected step(delta: number): void {
    const photos = this.detail.hasValue() ? this.detail.value().photos : [];
    const i = photos.findIndex((p) => p.id === this.openId());
    const next = photos[i + delta];
    if (next) this.openId.set(next.id);
  }

  protected keydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') this.openId.set(null);
    if (event.key === 'ArrowRight') this.step(1);
    if (event.key === 'ArrowLeft') this.step(-1);
  }
}
