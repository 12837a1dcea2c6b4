import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';

import { NotificationBellComponent } from './notification-bell.component';
import { AppNotification, NotificationPage, NotificationService } from './notification.service';
import { relativeTime } from './relative-time.pipe';

const note = (id: string, extra: Partial<AppNotification> = {}): AppNotification => ({
  id,
  kind: 'collections.legal_referral',
  severity: 'warning',
  severity_label: 'Needs attention',
  title: `Title ${id}`,
  body: 'Body',
  link: `/collections/${id}`,
  created_at: new Date().toISOString(),
  is_read: false,
  ...extra,
});

const page = (results: AppNotification[], unread: number, critical = 0): NotificationPage => ({
  count: results.length,
  next: null,
  previous: null,
  results,
  unread: { unread, unread_critical: critical },
});

describe('NotificationBellComponent', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(first: NotificationPage) {
    const fixture = TestBed.createComponent(NotificationBellComponent);
    fixture.detectChanges();
    http.expectOne((r) => r.url.endsWith('/notifications/')).flush(first);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture;
  }

  it('shows the unread count, red when something critical is unread', async () => {
    const fixture = await render(page([note('a', { severity: 'critical' }), note('b')], 2, 1));
    const badge = fixture.nativeElement.querySelector('[data-testid="notification-count"]');
    expect(badge.textContent.trim()).toBe('2');
    expect(badge.classList).toContain('critical');
  });

  it('shows no badge when everything is read, and 9+ above nine', async () => {
    const fixture = await render(page([], 0));
    expect(fixture.nativeElement.querySelector('[data-testid="notification-count"]')).toBeNull();
    const service = TestBed.inject(NotificationService);
    service.refresh().subscribe();
    http.expectOne((r) => r.url.endsWith('/notifications/')).flush(page([], 12));
    expect(service.badge()).toBe('9+');
  });

  it('opening a notification marks it read and goes to its link', async () => {
    const fixture = await render(page([note('a'), note('b')], 2));
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fixture.nativeElement.querySelector('[data-testid="notification-bell"]').click();
    fixture.detectChanges();
    http.expectOne((r) => r.url.endsWith('/notifications/')).flush(page([note('a'), note('b')], 2));
    fixture.detectChanges();
    const items = fixture.nativeElement.querySelectorAll('[data-testid="notification-item"]');
    expect(items.length).toBe(2);
    items[0].click();
    http
      .expectOne((r) => r.url.endsWith('/notifications/a/read/') && r.method === 'POST')
      .flush({});
    expect(navigate).toHaveBeenCalledWith('/collections/a');
    expect(TestBed.inject(NotificationService).unread()).toBe(1);
  });

  it('"Mark all read" clears the count at once', async () => {
    const fixture = await render(page([note('a', { severity: 'critical' }), note('b')], 2, 1));
    fixture.nativeElement.querySelector('[data-testid="notification-bell"]').click();
    fixture.detectChanges();
    http
      .expectOne((r) => r.url.endsWith('/notifications/'))
      .flush(page([note('a'), note('b')], 2, 1));
    fixture.detectChanges();
    fixture.nativeElement.querySelector('[data-testid="notification-read-all"]').click();
    http.expectOne((r) => r.url.endsWith('/notifications/read-all/')).flush({ marked: 2 });
    fixture.detectChanges();
    const service = TestBed.inject(NotificationService);
    expect([service.unread(), service.unreadCritical(), service.badge()]).toEqual([0, 0, '']);
  });

  it('an answer to a refresh sent before "Mark all read" does not bring the count back', async () => {
    await render(page([note('a', { severity: 'critical' })], 1, 1));
    const service = TestBed.inject(NotificationService);
    service.refresh().subscribe(); // in flight (the bell was just opened)
    service.markAllRead().subscribe();
    http.expectOne((r) => r.url.endsWith('/notifications/read-all/')).flush({ marked: 1 });
    http
      .expectOne((r) => r.url.endsWith('/notifications/') && r.method === 'GET')
      .flush(page([note('a', { severity: 'critical' })], 1, 1)); // the stale answer
    expect([service.unread(), service.badge()]).toEqual([0, '']);
  });

  it('keeps what it had when the API fails', async () => {
    await render(page([note('a')], 1));
    const service = TestBed.inject(NotificationService);
    service.refresh().subscribe();
    http
      .expectOne((r) => r.url.endsWith('/notifications/'))
      .flush('down', { status: 503, statusText: 'Unavailable' });
    expect(service.unread()).toBe(1);
    expect(service.items().length).toBe(1);
  });
});

describe('relativeTime', () => {
  const now = new Date('2026-11-29T12:00:00Z');
  it('says how long ago in words', () => {
    expect(relativeTime('2026-11-29T11:59:40Z', now)).toBe('just now');
    expect(relativeTime('2026-11-29T11:55:00Z', now)).toBe('5 min ago');
    expect(relativeTime('2026-11-29T09:00:00Z', now)).toBe('3 h ago');
    expect(relativeTime('2026-11-28T10:00:00Z', now)).toBe('yesterday');
    expect(relativeTime('2026-11-25T12:00:00Z', now)).toBe('4 days ago');
    expect(relativeTime('2026-11-03T12:00:00Z', now)).toBe('Nov 3');
    expect(relativeTime('nonsense', now)).toBe('');
  });
});
