import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';

import { AuthService } from '../../core/auth/auth.service';
import { Broadcast, BroadcastPreview, RecipientFilter } from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { CommunicationsService } from '../../core/services/communications.service';
import { PropertyService } from '../../core/services/property.service';
import { errorMessage } from '../../core/utils/api-error';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { ToneBadgeComponent } from '../../shared/components/tone-badge.component';

/** The recipient filter the form describes (empty fields left out). */
export function recipientFilter(form: {
  propertyId: string;
  building: string;
  lifecycle: string;
  delinquent: string;
}): RecipientFilter {
  const out: RecipientFilter = {};
  if (form.propertyId) out.property_id = form.propertyId;
  if (form.building.trim()) out.building = form.building.trim();
  if (form.lifecycle) out.lifecycle = [form.lifecycle];
  if (form.delinquent) out.delinquent = form.delinquent === 'yes';
  return out;
}

/** Broadcasts: compose (recipient filter, channels), preview the count, send; delivery progress per broadcast. */
@Component({
  selector: 'app-broadcasts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    FormsModule,
    RouterLink,
    ToneBadgeComponent,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
  ],
  template: `
    <div class="page">
      <div class="page-header">
        <div>
          <div class="breadcrumb"><a routerLink="/communications">Tenant inbox</a></div>
          <h1>Broadcasts</h1>
          <p class="subtitle">
            One message to many tenants by SMS and email: each number or address once, opted-out
            numbers skipped, held outside 8:00–21:00 at the property.
          </p>
        </div>
      </div>

      @if (canSend()) {
        <section class="card compose" data-testid="broadcast-form">
          <h2>New broadcast</h2>
          <div class="grid">
            <label
              >Title<input class="input" name="title" [(ngModel)]="title" maxlength="200"
            /></label>
            <label
              >Property
              <select
                class="select"
                name="property"
                [(ngModel)]="form.propertyId"
                (ngModelChange)="stale()"
              >
                <option value="">All my properties</option>
                @for (p of properties.value()?.results ?? []; track p.id) {
                  <option [value]="p.id">{{ p.name }}</option>
                }
              </select>
            </label>
            <label
              >Building<input
                class="input"
                name="building"
                [(ngModel)]="form.building"
                (ngModelChange)="stale()"
                placeholder="e.g. A"
            /></label>
            <label
              >Lease state
              <select
                class="select"
                name="lifecycle"
                [(ngModel)]="form.lifecycle"
                (ngModelChange)="stale()"
              >
                <option value="">Any current lease</option>
                <option value="active">Active</option>
                <option value="month_to_month">Month-to-month</option>
                <option value="notice">On notice</option>
              </select>
            </label>
            <label
              >Balance
              <select
                class="select"
                name="delinquent"
                [(ngModel)]="form.delinquent"
                (ngModelChange)="stale()"
              >
                <option value="">Anyone</option>
                <option value="yes">Overdue balance</option>
                <option value="no">Paid up</option>
              </select>
            </label>
            <fieldset class="channels">
              <legend>Channels</legend>
              <label><input type="checkbox" name="sms" [(ngModel)]="sms" /> SMS</label>
              <label><input type="checkbox" name="email" [(ngModel)]="email" /> Email</label>
            </fieldset>
          </div>
          <label class="wide"
            >Message<textarea
              class="input"
              name="content"
              rows="3"
              [(ngModel)]="content"
              maxlength="1600"
            ></textarea>
          </label>
          <div class="actions">
            <button type="button" class="btn btn-sm" data-testid="preview" (click)="preview()">
              Preview recipients
            </button>
            @if (previewed(); as p) {
              <span data-testid="preview-count"
                ><strong>{{ p.recipient_count }}</strong> tenants · {{ p.sms_addresses }} numbers ·
                {{ p.email_addresses }} email addresses</span
              >
            }
            <button
              type="button"
              class="btn btn-primary btn-sm"
              data-testid="send-broadcast"
              [disabled]="
                !previewed() || busy() || !title.trim() || !content.trim() || (!sms && !email)
              "
              (click)="send()"
            >
              {{ busy() ? 'Sending…' : 'Send broadcast' }}
            </button>
          </div>
        </section>
      }

      <section class="card">
        @if (list.isLoading() && !list.hasValue()) {
          <app-loading-state label="Loading broadcasts…" />
        } @else if (list.error(); as err) {
          <app-error-state
            title="Could not load broadcasts"
            [message]="message(err)"
            (retry)="list.reload()"
          />
        } @else if (list.value(); as page) {
          @if (!page.results.length) {
            <app-empty-state title="No broadcasts yet" />
          } @else {
            <div class="table-wrap">
              <table class="table" data-testid="broadcasts-table">
                <thead>
                  <tr>
                    <th>Title</th>
                    <th>Channels</th>
                    <th class="num">Recipients</th>
                    <th class="num">Sent</th>
                    <th class="num">Held</th>
                    <th class="num">Skipped</th>
                    <th class="num">Failed</th>
                    <th>Status</th>
                    <th>Created</th>
                  </tr>
                </thead>
                <tbody>
                  @for (b of page.results; track b.id) {
                    <tr>
                      <td>
                        {{ b.title }}
                        <div class="muted small">{{ b.property_name ?? 'Portfolio' }}</div>
                      </td>
                      <td>{{ b.channels.join(', ') }}</td>
                      <td class="num">{{ b.recipient_count }}</td>
                      <td class="num">{{ b.sent_count }}</td>
                      <td class="num">{{ b.held_count }}</td>
                      <td class="num">{{ b.skipped_count }}</td>
                      <td class="num">{{ b.failed_count }}</td>
                      <td>
                        <app-tone-badge
                          [text]="b.status"
                          [tone]="b.status === 'sent' ? 'green' : 'amber'"
                        />
                      </td>
                      <td>{{ b.created_at | date: 'MMM d, h:mm a' }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          }
        }
      </section>
    </div>
  `,
  styles: `
    .compose {
      padding: 14px;
      margin-bottom: 14px;
    }
    .compose h2 {
      margin: 0 0 10px;
      font: 700 15px var(--font-heading);
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
      gap: 10px;
    }
    label {
      display: grid;
      gap: 4px;
      font-size: 12.5px;
      color: var(--muted);
    }
    .channels {
      border: none;
      padding: 0;
      display: flex;
      gap: 12px;
      align-items: end;
    }
    .channels label {
      display: flex;
      align-items: center;
      gap: 4px;
    }
    .wide {
      margin-top: 10px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 10px;
      align-items: center;
      margin-top: 10px;
    }
    .table-wrap {
      overflow-x: auto;
    }
    .num {
      text-align: right;
      font-family: var(--font-mono);
      font-variant-numeric: tabular-nums;
    }
    .muted {
      color: var(--muted);
    }
    .small {
      font-size: 12px;
    }
  `,
})
export class BroadcastsComponent {
  private readonly api = inject(CommunicationsService);
  private readonly toast = inject(ToastService);
  private readonly auth = inject(AuthService);
  private readonly propertyService = inject(PropertyService);

  protected readonly canSend = computed(() => this.auth.can('run_bulk_actions'));
  protected title = '';
  protected content = '';
  protected sms = true;
  protected email = false;
  protected form = { propertyId: '', building: '', lifecycle: '', delinquent: '' };
  protected readonly previewed = signal<BroadcastPreview | null>(null);
  protected readonly busy = signal(false);
  private readonly version = signal(0);

  protected readonly list = rxResource({
    params: () => this.version(),
    stream: () => this.api.getBroadcasts(),
  });
  protected readonly properties = rxResource({
    stream: () => this.propertyService.getProperties({ page_size: 100 }),
  });

  protected stale(): void {
    this.previewed.set(null);
  }

  protected preview(): void {
    this.api.previewBroadcast(recipientFilter(this.form)).subscribe({
      next: (p) => this.previewed.set(p),
      error: (err) => this.toast.error(errorMessage(err)),
    });
  }

  protected send(): void {
    this.busy.set(true);
    const channels = [this.sms ? 'sms' : '', this.email ? 'email' : ''].filter(Boolean);
    this.api
      .createBroadcast({
        title: this.title.trim(),
        content: this.content.trim(),
        channels,
        recipient_filter: recipientFilter(this.form),
      })
      .subscribe({
        next: (b: Broadcast) =>
          this.api.sendBroadcast(b.id).subscribe({
            next: () => {
              this.busy.set(false);
              this.toast.success(`Broadcast to ${b.recipient_count} tenants is on its way.`);
              this.title = '';
              this.content = '';
              this.previewed.set(null);
              this.version.update((v) => v + 1);
            },
            error: (err) => {
              this.busy.set(false);
              this.toast.error(errorMessage(err));
            },
          }),
        error: (err) => {
          this.busy.set(false);
          this.toast.error(errorMessage(err));
        },
      });
  }

  protected message(err: unknown): string {
    return errorMessage(err);
  }
}
