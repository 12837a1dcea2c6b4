import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  HostListener,
  OnInit,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter } from 'rxjs';

import { IconComponent } from '../../shared/components/icon.component';
import { AuthService } from '../auth/auth.service';
import { NotificationBellComponent } from '../notifications/notification-bell.component';
import { GlobalSearchComponent } from './global-search.component';
import { NavCountsService } from './nav-counts.service';
import { NAV_SECTIONS, visibleNav } from './nav.config';

const COLLAPSED_KEY = 'unitcycle.nav.collapsed';

function readCollapsed(): ReadonlySet<string> {
  try {
    const raw = JSON.parse(localStorage.getItem(COLLAPSED_KEY) ?? '[]');
    return new Set(Array.isArray(raw) ? raw.filter((x) => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

/**
 * The signed-in layout: navy sidebar, top bar with the user and Logout, and the routed screen.
 * Under 768 px the sidebar becomes a drawer opened by the top bar's menu button (closed by a
 * navigation, the backdrop or Escape); from 768 to 900 px it is an icon rail with tooltips. The sidebar
 * lists what the signed-in role may open; the top bar says who is signed in, their role and scope.
 */
@Component({
  selector: 'app-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    IconComponent,
    NotificationBellComponent,
    GlobalSearchComponent,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.css',
})
export class ShellComponent implements OnInit {
  protected readonly auth = inject(AuthService);
  /** The items the signed-in role may open (none until the user is loaded: nothing flashes). */
  protected readonly sections = computed(() =>
    this.auth.loaded() ? visibleNav(NAV_SECTIONS, (p) => this.auth.can(p)) : [],
  );
  /** "Leasing agent · All properties", with the properties' names as its tooltip. */
  protected readonly scopeTitle = computed(() => {
    const props = this.auth.user()?.properties;
    return props?.length ? props.map((p) => p.name).join(', ') : null;
  });
  /** The phone drawer's state (ignored by the CSS above 768 px). */
  protected readonly menuOpen = signal(false);
  protected readonly counts = inject(NavCountsService);
  /** Folded sections, remembered in this browser. */
  private readonly collapsed = signal<ReadonlySet<string>>(readCollapsed());

  constructor() {
    // the sidebar's counts, once the role is known (only roles that may read them ask)
    effect(() => {
      if (this.auth.loaded()) untracked(() => this.counts.refresh());
    });
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

  protected isCollapsed(title: string): boolean {
    return this.collapsed().has(title);
  }

  protected toggleSection(title: string): void {
    const next = new Set(this.collapsed());
    if (next.has(title)) next.delete(title);
    else next.add(title);
    this.collapsed.set(next);
    try {
      localStorage.setItem(COLLAPSED_KEY, JSON.stringify([...next]));
    } catch {
      /* private mode: not remembered */
    }
  }

  protected toggleMenu(): void {
    this.menuOpen.update((open) => !open);
  }

  @HostListener('document:keydown.escape')
  protected closeMenu(): void {
    this.menuOpen.set(false);
  }
}
