import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';

import { AuthService } from '../core/auth/auth.service';
import { permissionWords } from '../core/auth/permission.guard';
import { IconComponent } from '../shared/components/icon.component';

/**
 * Shown in place of a page the signed-in role can't open (`requirePermission`; the URL stays the page's):
 * which role, what the page needs, and a way back. If the account could not be loaded, Try again.
 */
@Component({
  selector: 'app-no-access',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, IconComponent],
  template: `
    <div class="page">
      <div class="card no-access" data-testid="no-access" role="alert">
        <app-icon name="alert" [size]="28" />
        @if (auth.loaded()) {
          <h1 class="title" data-testid="no-access-title">
            Your role ({{ auth.roleLabel() }}) can't open this page
          </h1>
          <p class="hint">
            @if (needWords(); as words) {
              This page is for roles that can {{ words }}.
            } @else {
              This page needs a permission your role doesn't have.
            }
            @if (auth.user()?.role === null) {
              Your account has no role yet: ask an administrator to give you one.
            } @else {
              Ask an administrator if you need it.
            }
          </p>
          @if (auth.can('view_portfolio')) {
            <a class="btn" routerLink="/dashboard">Back to the dashboard</a>
          }
        } @else {
          <h1 class="title">Could not load your account</h1>
          <p class="hint">We could not check what your role may open. Check your connection.</p>
          <button type="button" class="btn" [disabled]="retrying()" (click)="retry()">
            {{ retrying() ? 'Trying…' : 'Try again' }}
          </button>
        }
      </div>
    </div>
  `,
  styles: `
    .no-access {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 10px;
      padding: 48px 24px;
      text-align: center;
      color: var(--text-2);
    }
    .no-access app-icon {
      color: var(--amber, #d97706);
    }
    .title {
      margin: 0;
      font: 700 19px var(--font-heading);
      color: var(--text);
    }
    .hint {
      max-width: 520px;
      margin: 0 0 6px;
      color: var(--muted);
    }
  `,
})
export class NoAccessComponent {
  protected readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** Route data (`requirePermission`): the permission the page needs. */
  readonly need = input<string | undefined>();

  protected readonly needWords = computed(() => permissionWords(this.need()));
  protected readonly retrying = signal(false);

  protected retry(): void {
    this.retrying.set(true);
    this.auth.ensureUser().subscribe(() => {
      this.retrying.set(false);
      // Match the URL again: the page itself if the role may open it.
      if (this.auth.loaded()) {
        void this.router.navigateByUrl(this.router.url, { onSameUrlNavigation: 'reload' });
      }
    });
  }
}
