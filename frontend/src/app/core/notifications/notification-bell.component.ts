import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  HostListener,
  OnInit,
  inject,
  signal,
} from '@angular/core';
import { Router } from '@angular/router';

import { IconComponent } from '../../shared/components/icon.component';
import { RelativeTimePipe } from './relative-time.pipe';
import { AppNotification, NotificationService } from './notification.service';

/** How often the bell asks for new notifications while the app is open. */
export const NOTIFICATION_POLL_MS = 60_000;

/**
 * The top bar's bell: an unread count (red when something critical is unread) and a panel with the newest
 * notifications; opening one marks it read and goes to its link; "Mark all read". Polls every minute.
 */
@Component({
  selector: 'app-notification-bell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconComponent, RelativeTimePipe],
  template: `
    <button
      type="button"
      class="bell"
      data-testid="notification-bell"
      [attr.aria-label]="label()"
      [attr.aria-expanded]="open()"
      aria-controls="notification-panel"
      (click)="toggle()"
    >
      <app-icon name="bell" [size]="18" />
      @if (notes.badge(); as badge) {
        <span
          class="badge"
          [class.critical]="notes.unreadCritical() > 0"
          data-testid="notification-count"
          >{{ badge }}</span
        >
      }
    </button>
    @if (open()) {
      <section
        id="notification-panel"
        class="panel"
        role="dialog"
        aria-label="Notifications"
        data-testid="notification-panel"
      >
        <header>
          <h2>Notifications</h2>
          @if (notes.unread() > 0) {
            <button
              type="button"
              class="btn btn-sm"
              data-testid="notification-read-all"
              (click)="readAll()"
            >
              Mark all read
            </button>
          }
        </header>
        @if (!notes.loaded()) {
          <p class="empty">Loading…</p>
        } @else if (notes.items().length === 0) {
          <p class="empty">Nothing yet. Agents and the team post here when something needs you.</p>
        } @else {
          <ul>
            @for (n of notes.items(); track n.id) {
              <li>
                <button
                  type="button"
                  class="item"
                  [class.unread]="!n.is_read"
                  [attr.data-severity]="n.severity"
                  data-testid="notification-item"
                  (click)="openItem(n)"
                >
                  <span class="sev" [attr.data-severity]="n.severity">{{ n.severity_label }}</span>
                  <span class="title">{{ n.title }}</span>
                  @if (n.body) {
                    <span class="body">{{ n.body }}</span>
                  }
                  <span class="when">{{ n.created_at | relativeTime }}</span>
                </button>
              </li>
            }
          </ul>
        }
      </section>
    }
  `,
  styles: `
    :host {
      position: relative;
      display: inline-flex;
    }
    .bell {
      position: relative;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 36px;
      height: 36px;
      border: 1px solid var(--border, #e2e8f0);
      border-radius: 8px;
      background: #fff;
      color: inherit;
      cursor: pointer;
    }
    .badge {
      position: absolute;
      top: -6px;
      right: -6px;
      min-width: 18px;
      height: 18px;
      padding: 0 4px;
      border-radius: 9px;
      background: #334155;
      color: #fff;
      font-size: 11px;
      font-weight: 700;
      line-height: 18px;
      text-align: center;
    }
    .badge.critical {
      background: #dc2626;
    }
    .panel {
      position: absolute;
      top: 44px;
      right: 0;
      z-index: 50;
      width: min(380px, calc(100vw - 24px));
      max-height: min(70vh, 560px);
      overflow: auto;
      background: #fff;
      border: 1px solid var(--border, #e2e8f0);
      border-radius: 10px;
      box-shadow: 0 12px 32px rgb(15 23 42 / 18%);
    }
    header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      padding: 12px 14px;
      border-bottom: 1px solid var(--border, #e2e8f0);
    }
    h2 {
      margin: 0;
      font-size: 15px;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .item {
      display: grid;
      gap: 2px;
      width: 100%;
      padding: 10px 14px;
      border: 0;
      border-bottom: 1px solid var(--border, #f1f5f9);
      background: #fff;
      text-align: left;
      cursor: pointer;
      font: inherit;
    }
    .item.unread {
      background: #f8fafc;
      box-shadow: inset 3px 0 0 #f59e0b;
    }
    .item.unread[data-severity='critical'] {
      box-shadow: inset 3px 0 0 #dc2626;
    }
    .sev {
      font-size: 11px;
      font-weight: 700;
      text-transform: uppercase;
      color: #64748b;
    }
    .sev[data-severity='critical'] {
      color: #dc2626;
    }
    .sev[data-severity='warning'] {
      color: #b45309;
    }
    .title {
      font-weight: 600;
    }
    .body {
      color: #475569;
      font-size: 13px;
    }
    .when {
      color: #94a3b8;
      font-size: 12px;
    }
    .empty {
      margin: 0;
      padding: 16px 14px;
      color: #64748b;
    }
    @media (max-width: 767px) {
      .panel {
        position: fixed;
        top: 60px;
        right: 12px;
        left: 12px;
        width: auto;
      }
    }
  `,
})
export class NotificationBellComponent implements OnInit {
  protected readonly notes = inject(NotificationService);
  private readonly router = inject(Router);
  private readonly host = inject(ElementRef<HTMLElement>);
  protected readonly open = signal(false);

  constructor() {
    const timer = setInterval(() => this.notes.refresh().subscribe(), NOTIFICATION_POLL_MS);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(timer);
      this.notes.clear(); // the next person to sign in starts from an empty bell
    });
  }

  ngOnInit(): void {
    this.notes.refresh().subscribe();
  }

  protected label(): string {
    const n = this.notes.unread();
    return n ? `Notifications, ${n} unread` : 'Notifications';
  }

  protected toggle(): void {
    const opening = !this.open();
    this.open.set(opening);
    if (opening) this.notes.refresh().subscribe();
  }

  protected openItem(n: AppNotification): void {
    this.notes.markRead(n).subscribe();
    this.open.set(false);
    if (n.link) void this.router.navigateByUrl(n.link);
  }

  protected readAll(): void {
    this.notes.markAllRead().subscribe();
  }

  @HostListener('document:keydown.escape')
  protected close(): void {
    this.open.set(false);
  }

  @HostListener('document:click', ['$event'])
  protected outside(event: MouseEvent): void {
    if (this.open() && !this.host.nativeElement.contains(event.target as Node))
      this.open.set(false);
  }
}
