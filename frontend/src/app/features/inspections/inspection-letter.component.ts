import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { DomSanitizer } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';

import { AuthService } from '../../core/auth/auth.service';
import { InspectionService } from '../../core/services/inspection.service';
import { errorMessage } from '../../core/utils/api-error';
import {
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { downloadBlob } from './inspection-format';

/**
 * /inspections/:id/letter: the itemized deduction letter as the PDF shows it (same template), the PDF, and
 * sending it (after finalize) as the turnover case's deposit statement.
 */
@Component({
  selector: 'app-inspection-letter',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, LoadingStateComponent, ErrorStateComponent],
  template: `
    <div class="page">
      <div class="breadcrumb">
        <a routerLink="/inspections">Inspections</a> ›
        <a [routerLink]="['/inspections', inspectionId()]">Inspection</a>
      </div>
      <header class="page-header">
        <div>
          <h1>Deduction letter</h1>
          @if (detail.hasValue()) {
            <div class="subtitle">
              Unit {{ detail.value().unit_number }} · {{ detail.value().tenant_name }}
              @if (letter.hasValue()) {
                · written by
                <span data-testid="letter-provider">{{
                  letter.value().provider === 'offline' ? 'the template (offline)' : 'Claude'
                }}</span>
              }
            </div>
          }
        </div>
        <div class="header-actions">
          @if (canDeposit()) {
            <button type="button" class="btn" [disabled]="busy()" (click)="regenerate()">
              Regenerate
            </button>
          }
          <button type="button" class="btn" (click)="pdf()" data-testid="letter-pdf">PDF</button>
          @if (canDeposit()) {
            <button
              type="button"
              class="btn btn-primary"
              [disabled]="busy() || !finalized()"
              [title]="finalized() ? '' : 'Finalize the inspection first'"
              (click)="send()"
              data-testid="send-letter"
            >
              Send to tenant
            </button>
          }
        </div>
      </header>
      @if (message(); as m) {
        <div class="api-error" role="alert" data-testid="letter-error">{{ m }}</div>
      }
      @if (sent()) {
        <div class="notice" role="status" data-testid="letter-sent">
          Sent as the turnover case's deposit statement.
        </div>
      }
      @if (letter.error(); as err) {
        <div class="card">
          <app-error-state
            title="No letter yet"
            [message]="errorText(err)"
            (retry)="regenerate()"
          />
        </div>
      } @else if (letter.hasValue()) {
        <section class="card letter" data-testid="letter-preview" [innerHTML]="html()"></section>
      } @else {
        <app-loading-state [rows]="8" label="Loading the letter…" />
      }
    </div>
  `,
  styles: `
    .letter {
      padding: 24px;
      max-width: 860px;
      overflow-x: auto;
    }
    .notice {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--tone-green-bg);
      color: var(--tone-green-fg);
      margin-bottom: 12px;
    }
  `,
})
export class InspectionLetterComponent {
  private readonly inspections = inject(InspectionService);
  private readonly auth = inject(AuthService);
  private readonly sanitizer = inject(DomSanitizer);

  readonly inspectionId = input.required<string>();
  protected readonly detail = rxResource({
    params: () => this.inspectionId(),
    stream: ({ params }) => this.inspections.get(params),
  });
  protected readonly letter = rxResource({
    params: () => this.inspectionId(),
    stream: ({ params }) => this.inspections.letter(params),
  });
  protected readonly html = computed(() =>
    this.letter.hasValue() ? this.sanitizer.bypassSecurityTrustHtml(this.letter.value().html) : '',
  );
  protected readonly canDeposit = computed(() => this.auth.can('manage_leases'));
  protected readonly finalized = computed(
    () => this.detail.hasValue() && this.detail.value().status === 'finalized',
  );
  protected readonly busy = signal(false);
  protected readonly sent = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly errorText = errorMessage;

  protected regenerate(): void {
    this.busy.set(true);
    this.message.set(null);
    this.inspections.generateLetter(this.inspectionId()).subscribe({
      next: () => {
        this.busy.set(false);
        this.letter.reload();
      },
      error: (err) => {
        this.busy.set(false);
        this.message.set(errorMessage(err));
      },
    });
  }

  protected pdf(): void {
    const d = this.detail.hasValue() ? this.detail.value() : null;
    this.inspections.letterPdf(this.inspectionId()).subscribe({
      next: (blob) => downloadBlob(`deposit-statement-${d?.unit_number ?? 'unit'}.pdf`, blob),
      error: (err) => this.message.set(errorMessage(err)),
    });
  }

  protected send(): void {
    this.busy.set(true);
    this.message.set(null);
    this.inspections.sendLetter(this.inspectionId()).subscribe({
      next: () => {
        this.busy.set(false);
        this.sent.set(true);
      },
      error: (err) => {
        this.busy.set(false);
        this.message.set(errorMessage(err));
      },
    });
  }
}
