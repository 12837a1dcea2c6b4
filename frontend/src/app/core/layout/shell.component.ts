import { ChangeDetectionStrategy, Component, OnInit, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import { IconComponent } from '../../shared/components/icon.component';
import { AuthService } from '../auth/auth.service';
import { NAV_SECTIONS } from './nav.config';

/** The signed-in layout: navy sidebar, top bar with the user and Logout, and the routed screen. */
@Component({
  selector: 'app-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, IconComponent],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.css',
})
export class ShellComponent implements OnInit {
  protected readonly auth = inject(AuthService);
  protected readonly sections = NAV_SECTIONS.filter((s) => s.items.length > 0);

  ngOnInit(): void {
    this.auth.loadUser();
  }
}
