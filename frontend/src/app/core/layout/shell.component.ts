import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  HostListener,
  OnInit,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter } from 'rxjs';

import { IconComponent } from '../../shared/components/icon.component';
import { AuthService } from '../auth/auth.service';
import { NAV_SECTIONS } from './nav.config';

/**
 * The signed-in layout: navy sidebar, top bar with the user and Logout, and the routed screen.
 * Under 768 px the sidebar becomes a drawer opened by the top bar's menu button (closed by a
 * navigation, the backdrop or Escape); from 768 to 900 px it is an icon rail with tooltips.
 */
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
  /** The phone drawer's state (ignored by the CSS above 768 px). */
  protected readonly menuOpen = signal(false);

  constructor() {
    inject(Router)
      .events.pipe(
        filter((e) => e instanceof NavigationEnd),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(() => this.menuOpen.set(false));
  }

  ngOnInit(): void {
    this.auth.loadUser();
  }

  protected toggleMenu(): void {
    this.menuOpen.update((open) => !open);
  }

  @HostListener('document:keydown.escape')
  protected closeMenu(): void {
    this.menuOpen.set(false);
  }
}
