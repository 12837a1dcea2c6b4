import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';

import { AuthService } from '../../core/auth/auth.service';
import { errorMessage } from '../../core/utils/api-error';

export const DEMO_EMAIL = 'demo@unitcycle.local';
export const DEMO_PASSWORD = 'unitcycle';

@Component({
  selector: 'app-login',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule],
  templateUrl: './login.component.html',
  styleUrl: './login.component.css',
})
export class LoginComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** Where to go after signing in (query param set by the auth guard). */
  readonly returnUrl = input<string | undefined>();

  protected readonly email = signal('');
  protected readonly password = signal('');
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly demoEmail = DEMO_EMAIL;
  protected readonly demoPassword = DEMO_PASSWORD;
  /** Decorative honeycomb: a=active, m=month-to-month, n=notice, v=vacant. */
  protected readonly artRows = [
    ['a', 'm', 'a', 'a', 'n', 'a'],
    ['v', 'a', 'm', 'a', 'a', 'a'],
    ['a', 'm', 'a', 'n', 'a', 'a'],
    ['a', 'a', 'v', 'a', 'm', 'a'],
  ];

  protected useDemo(): void {
    this.email.set(DEMO_EMAIL);
    this.password.set(DEMO_PASSWORD);
  }

  protected submit(): void {
    if (this.submitting()) return;
    const email = this.email().trim();
    if (!email || !this.password()) {
      this.error.set('Enter your email and password.');
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    this.auth.login(email, this.password()).subscribe({
      next: () => {
        const target = this.returnUrl();
        void this.router.navigateByUrl(
          target && target.startsWith('/') && !target.startsWith('//') ? target : '/dashboard',
        );
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        this.error.set(errorMessage(err));
      },
    });
  }
}
