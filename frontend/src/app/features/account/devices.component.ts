import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';

import { AuthService, SignedInDevice } from '../../core/auth/auth.service';
import { errorMessage } from '../../core/utils/api-error';
import {
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';

function when(value: string | null): string {
  if (!value) return '—';
  return new Date(value).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

/** "Signed-in devices": every browser or script signed in as this user; sign one out, or all. */
@Component({
  selector: 'app-devices',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadingStateComponent, ErrorStateComponent],
  template: `
    <div class="page">
      <div class="page-header">
        <div>
          <h1>Signed-in devices</h1>
          <p class="subtitle">Each sign-in lasts until it expires or is signed out here.</p>
        </div>
        <button
          type="button"
          class="btn"
          data-testid="logout-everywhere"
          (click)="auth.logoutEverywhere()"
        >
          Sign out everywhere
        </button>
      </div>
      <div class="card">
        @if (loading()) {
          <app-loading-state label="Loading devices…" />
        } @else if (error(); as message) {
          <app-error-state
            title="Could not load your devices"
            [message]="message"
            (retry)="load()"
          />
        } @else {
          <table class="table" data-testid="devices">
            <thead>
              <tr>
                <th>Device</th>
                <th>Signed in</th>
                <th>Last used</th>
                <th>Expires</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              @for (d of devices(); track d.id) {
                <tr [attr.data-current]="d.current">
                  <td>
                    {{ d.user_agent || 'Unknown device' }}
                    @if (d.current) {
                      <span class="badge">This device</span>
                    }
                  </td>
                  <td>{{ when(d.created) }}</td>
                  <td>{{ when(d.last_used) }}</td>
                  <td>{{ when(d.expiry) }}</td>
                  <td class="actions">
                    @if (d.current) {
                      <button type="button" class="btn btn-sm" (click)="auth.logout()">
                        Sign out
                      </button>
                    } @else {
                      <button
                        type="button"
                        class="btn btn-sm"
                        [disabled]="busy() === d.id"
                        (click)="revoke(d)"
                      >
                        Sign out
                      </button>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        }
      </div>
    </div>
  `,
  styles: `
    .page-header {
      display: flex;
      align-items: flex-start;
      justify-content: space-between;
      gap: 12px;
      margin-bottom: 12px;
    }
    .subtitle {
      color: var(--text-2);
      margin: 4px 0 0;
    }
    .table {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      text-align: left;
      padding: 10px 12px;
      border-bottom: 1px solid var(--border);
      font-size: 13px;
    }
    .badge {
      margin-left: 8px;
      padding: 2px 8px;
      border-radius: 999px;
      background: var(--primary);
      color: var(--gold);
      font-size: 11px;
      font-weight: 700;
    }
    .actions {
      text-align: right;
    }
  `,
})
export class DevicesComponent {
  protected readonly auth = inject(AuthService);
  protected readonly devices = signal<SignedInDevice[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly when = when;

  constructor() {
    this.load();
  }

  load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.auth.devices().subscribe({
      next: (rows) => {
        this.devices.set(rows);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.error.set(errorMessage(err));
        this.loading.set(false);
      },
    });
  }

  protected revoke(device: SignedInDevice): void {
    this.busy.set(device.id);
    this.auth.revokeDevice(device.id).subscribe({
      next: () => {
        this.busy.set(null);
        this.devices.update((rows) => rows.filter((r) => r.id !== device.id));
      },
      error: () => this.busy.set(null),
    });
  }
}
