import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { DomSanitizer, SafeHtml } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { Observable } from 'rxjs';

import { AuthService } from '../../core/auth/auth.service';
import {
  TurnoverCaseDetail,
  TurnoverChecklistItem,
  TurnoverDeduction,
  TurnoverMove,
} from '../../core/models';
import { TurnoverService } from '../../core/services/turnover.service';
import { errorMessage } from '../../core/utils/api-error';
import {
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import { STAGE_LABELS, downloadBlob } from './turnover-format';

const CATEGORIES = [
  ['cleaning', 'Cleaning'],
  ['paint', 'Paint'],
  ['carpet', 'Carpet'],
  ['flooring', 'Flooring (other)'],
  ['appliance_repair', 'Appliance repair'],
  ['wall_damage', 'Wall damage'],
  ['other', 'Other'],
] as const;
const LIFE_ITEMS = [
  ['', 'No useful-life item (charged in full)'],
  ['carpet', 'Carpet (10 yr)'],
  ['interior_paint', 'Interior paint (3 yr)'],
  ['vinyl_flooring', 'Vinyl / LVP flooring (10 yr)'],
  ['blinds', 'Window blinds (5 yr)'],
  ['refrigerator', 'Refrigerator (10 yr)'],
  ['range', 'Range / oven (15 yr)'],
  ['dishwasher', 'Dishwasher (9 yr)'],
  ['microwave', 'Microwave (7 yr)'],
] as const;

/**
 * /turnover/:caseId: the stage timeline with dates and moves, the make-ready checklist (costs, progress, work
 * orders), the deposit deductions with depreciation and the refund math, and the itemized letter (preview, PDF,
 * send) with the statutory deadline's countdown.
 */
@Component({
  selector: 'app-turnover-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    FormsModule,
    AppDatePipe,
    MoneyPipe,
    LoadingStateComponent,
    ErrorStateComponent,
  ],
  templateUrl: './turnover-detail.component.html',
  styleUrl: './turnover-detail.component.css',
})
export class TurnoverDetailComponent {
  private readonly turnover = inject(TurnoverService);
  private readonly auth = inject(AuthService);
  private readonly sanitizer = inject(DomSanitizer);

  readonly caseId = input.required<string>();
  protected readonly detail = rxResource({
    params: () => this.caseId(),
    stream: ({ params }) => this.turnover.get(params),
  });
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly preview = signal<SafeHtml | null>(null);
  protected readonly canMove = computed(() =>
    this.auth.canAny('manage_leases', 'manage_maintenance'),
  );
  protected readonly canDeposit = computed(() => this.auth.can('manage_leases'));
  protected readonly categories = CATEGORIES;
  protected readonly lifeItems = LIFE_ITEMS;
  protected readonly label = (s: string) => STAGE_LABELS[s as keyof typeof STAGE_LABELS] ?? s;
  protected readonly errorText = errorMessage;

  protected form = {
    category: 'cleaning',
    description: '',
    amount: '',
    life_item: '',
    item_age_years: '',
  };
  protected reason = '';

  protected readonly progress = computed(() => {
    if (!this.detail.hasValue()) return 0;
    const d = this.detail.value();
    return d.checklist.length
      ? Math.round((d.checklist.filter((i) => i.completed).length / d.checklist.length) * 100)
      : 0;
  });

  private run(call: Observable<unknown>, after?: () => void): void {
    this.busy.set(true);
    this.message.set(null);
    call.subscribe({
      next: () => {
        this.busy.set(false);
        after?.();
        this.detail.reload();
      },
      error: (err) => {
        this.busy.set(false);
        this.message.set(errorMessage(err));
      },
    });
  }

  protected move(d: TurnoverCaseDetail, m: TurnoverMove): void {
    if (m.reason_required && !this.reason.trim()) {
      this.message.set(`Moving back to ${this.label(m.stage)} needs a reason.`);
      return;
    }
    this.run(
      this.turnover.advance(d.id, m.stage, m.reason_required ? this.reason.trim() : ''),
      () => {
        this.reason = '';
      },
    );
  }

  protected toggle(d: TurnoverCaseDetail, item: TurnoverChecklistItem): void {
    this.run(this.turnover.updateChecklistItem(d.id, item.id, { completed: !item.completed }));
  }

  protected setCost(d: TurnoverCaseDetail, item: TurnoverChecklistItem, value: string): void {
    if (value === item.actual_cost) return;
    this.run(this.turnover.updateChecklistItem(d.id, item.id, { actual_cost: value || '0' }));
  }

  protected workOrder(d: TurnoverCaseDetail, item: TurnoverChecklistItem): void {
    this.run(this.turnover.updateChecklistItem(d.id, item.id, { create_work_order: true }));
  }

  protected addDeduction(d: TurnoverCaseDetail): void {
    const f = this.form;
    this.run(
      this.turnover.addDeduction(d.id, {
        category: f.category,
        description: f.description,
        amount: f.amount,
        life_item: f.life_item,
        item_age_years: f.life_item ? f.item_age_years || null : null,
      }),
      () => {
        this.form = {
          category: 'cleaning',
          description: '',
          amount: '',
          life_item: '',
          item_age_years: '',
        };
      },
    );
  }

  protected approve(d: TurnoverCaseDetail, x: TurnoverDeduction): void {
    this.run(this.turnover.approveDeduction(d.id, x.id, !x.approved));
  }

  protected remove(d: TurnoverCaseDetail, x: TurnoverDeduction): void {
    this.run(this.turnover.deleteDeduction(d.id, x.id));
  }

  protected generate(d: TurnoverCaseDetail): void {
    this.preview.set(null);
    this.run(this.turnover.generateLetter(d.id));
  }

  protected showPreview(d: TurnoverCaseDetail): void {
    this.turnover.letterPreview(d.id).subscribe({
      next: (r) => this.preview.set(this.sanitizer.bypassSecurityTrustHtml(r.html)),
      error: (err) => this.message.set(errorMessage(err)),
    });
  }

  protected pdf(d: TurnoverCaseDetail): void {
    this.turnover.letterPdf(d.id).subscribe({
      next: (blob) => downloadBlob(`deposit-statement-${d.unit_number}.pdf`, blob),
      error: (err) => this.message.set(errorMessage(err)),
    });
  }

  protected send(d: TurnoverCaseDetail): void {
    this.run(this.turnover.sendLetter(d.id));
  }
}
