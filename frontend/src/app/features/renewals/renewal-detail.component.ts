import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Observable } from 'rxjs';

import { RenewalDetail } from '../../core/models';
import { AuthService } from '../../core/auth/auth.service';
import { ToastService } from '../../core/notifications/toast.service';
import { RenewalService } from '../../core/services/renewal.service';
import { errorMessage } from '../../core/utils/api-error';
import { ChurnRiskBadgeComponent } from '../../shared/components/churn-risk-badge.component';
import { ChurnScoreGaugeComponent } from '../../shared/components/churn-score-gauge.component';
import { IconComponent } from '../../shared/components/icon.component';
import { LeaseStatusBadgeComponent } from '../../shared/components/lease-status-badge.component';
import {
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { ActorPipe } from '../../shared/pipes/actor.pipe';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import { deliveryInWords, humanize } from '../../shared/utils/wording';
import { ChurnFactorsChartComponent } from './components/churn-factors-chart.component';
import { RenewalLetterPreviewComponent } from './components/renewal-letter-preview.component';
import { RenewalStatusBadgeComponent } from './components/renewal-status-badge.component';
import { checkApprovedRent, formatPct, increasePct } from './renewals-format';

type Busy = 'approve' | 'send' | 'accept' | 'decline' | null;

/** Outbox statuses that mean the message left (or will leave) for the tenant. */
const SENT_OK = new Set(['queued', 'stored', 'sent', 'delivered']);

/**
 * One renewal recommendation (spec 1.2 "/renewals/:id"): churn gauge and factors, the rent offer,
 * the letter preview (edit + save), and the workflow — approve (optionally at another rent), send,
 * record the tenant's answer. Every action answers the fresh recommendation.
 */
@Component({
  selector: 'app-renewal-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ActorPipe,
    FormsModule,
    RouterLink,
    DatePipe,
    AppDatePipe,
    MoneyPipe,
    IconComponent,
    ChurnScoreGaugeComponent,
    ChurnRiskBadgeComponent,
    ChurnFactorsChartComponent,
    RenewalLetterPreviewComponent,
    RenewalStatusBadgeComponent,
    LeaseStatusBadgeComponent,
    LoadingStateComponent,
    ErrorStateComponent,
  ],
  templateUrl: './renewal-detail.component.html',
  styleUrl: './renewal-detail.component.css',
})
export class RenewalDetailComponent {
  private readonly renewals = inject(RenewalService);
  private readonly toast = inject(ToastService);

  /** Route param. */
  readonly id = input.required<string>();

  protected readonly rec = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.renewals.getRecommendation(params),
  });
  private readonly value = computed(() => (this.rec.hasValue() ? this.rec.value() : null));

  private readonly auth = inject(AuthService);

  /** What the recommendation's state allows, and only for a role that manages renewals. */
  protected readonly can = computed(() => {
    const a = this.auth.can('manage_renewals') ? (this.value()?.allowed_actions ?? []) : [];
    return {
      approve: a.includes('approve'),
      send: a.includes('send'),
      respond: a.includes('respond'),
    };
  });

  /** The approval form: the rent starts at the recommendation (and follows a reload). */
  protected readonly rentInput = linkedSignal(() => {
    const r = this.value();
    return r ? Number(r.offered_rent).toFixed(2) : '';
  });
  protected readonly rentCheck = computed(() =>
    checkApprovedRent(this.rentInput(), Number(this.value()?.current_rent ?? 0)),
  );
  protected readonly rentIsModified = computed(() => {
    const r = this.value();
    const v = this.rentCheck().value;
    return !!r && !!v && Number(v) !== Number(r.recommended_rent);
  });
  protected readonly proposedPct = computed(() => {
    const r = this.value();
    const v = this.rentCheck().value;
    return r && v ? increasePct(Number(r.current_rent), Number(v)) : null;
  });
  protected readonly showRentErrors = signal(false);
  protected readonly responseNote = signal('');

  protected readonly busy = signal<Busy>(null);
  protected readonly error = signal<{
    where: 'approve' | 'send' | 'respond';
    message: string;
  } | null>(null);
  /** Set after Send: the channels that went out vs failed. */
  protected readonly sendOutcome = computed(() => {
    const r = this.value();
    if (!r?.sent_via?.length) return null;
    const ok = r.sent_via.filter((v) => SENT_OK.has(v.status)).length;
    return { ok, failed: r.sent_via.length - ok };
  });

  protected readonly message = errorMessage;
  protected readonly deliveryWords = deliveryInWords;
  protected readonly humanize = humanize;
  protected readonly pct = formatPct;

  protected channelName(c: string): string {
    return c === 'sms' ? 'SMS' : c === 'email' ? 'Email' : c;
  }

  protected deliveryOk(status: string): boolean {
    return SENT_OK.has(status);
  }

  protected approve(): void {
    this.showRentErrors.set(true);
    const r = this.value();
    const check = this.rentCheck();
    if (!r || check.error || this.busy()) return;
    // Unchanged from the recommendation: approve as recommended.
    const rent = this.rentIsModified() ? check.value : null;
    this.run(
      'approve',
      'approve',
      this.renewals.approve(r.id, rent),
      (fresh) =>
        `Approved at ${Number(fresh.offered_rent).toLocaleString('en-US', { style: 'currency', currency: 'USD' })}/mo.`,
    );
  }

  protected send(): void {
    const r = this.value();
    if (!r || this.busy()) return;
    this.run('send', 'send', this.renewals.send(r.id), (fresh) => {
      const ok = fresh.sent_via.filter((v) => SENT_OK.has(v.status)).length;
      return ok === fresh.sent_via.length
        ? 'Renewal offer sent.'
        : `Sent on ${ok} of ${fresh.sent_via.length} channels.`;
    });
  }

  protected respond(accepted: boolean): void {
    const r = this.value();
    if (!r || this.busy()) return;
    this.run(
      accepted ? 'accept' : 'decline',
      'respond',
      this.renewals.respond(r.id, accepted, this.responseNote().trim()),
      (fresh) =>
        accepted
          ? fresh.lease_renewal === 'applied'
            ? 'Accepted — the lease is renewed.'
            : 'Accepted — the renewal applies when the current term ends.'
          : 'Recorded: the tenant declined.',
    );
  }

  /** The letter preview saved or rewrote the letter. */
  protected letterChanged(fresh: RenewalDetail): void {
    this.rec.set(fresh);
    this.toast.success('Letter saved.');
  }

  private run(
    kind: Exclude<Busy, null>,
    where: 'approve' | 'send' | 'respond',
    call: Observable<RenewalDetail>,
    done: (r: RenewalDetail) => string,
  ): void {
    this.busy.set(kind);
    this.error.set(null);
    call.subscribe({
      next: (fresh) => {
        this.busy.set(null);
        this.showRentErrors.set(false);
        this.rec.set(fresh);
        this.toast.success(done(fresh));
      },
      error: (err: unknown) => {
        this.busy.set(null);
        this.error.set({ where, message: errorMessage(err) });
        // A refused send keeps the approval and records each channel's failure: show them.
        if (where === 'send') this.rec.reload();
      },
    });
  }
}
