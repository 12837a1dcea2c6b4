import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { EmptyStateComponent } from '../shared/components/state-views.component';

@Component({
  selector: 'app-not-found',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, EmptyStateComponent],
  template: `
    <div class="page">
      <div class="card">
        <app-empty-state title="Page not found" hint="The page you asked for does not exist.">
          <a class="btn" routerLink="/dashboard" style="margin-top: 10px">Back to the dashboard</a>
        </app-empty-state>
      </div>
    </div>
  `,
})
export class NotFoundComponent {}
