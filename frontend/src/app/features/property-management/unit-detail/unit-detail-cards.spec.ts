import {
  ChangeDetectionStrategy,
  Component,
  ResourceRef,
  input,
  provideZonelessChangeDetection,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { LeaseLifecycle, Paginated, Unit } from '../../../core/models';
import { UnitMaintenanceTabComponent } from './tabs/maintenance-tab.component';
import { UnitOverviewTabComponent } from './tabs/overview-tab.component';
import { provideUnitDetailCard, visibleUnitTabs } from './unit-detail-cards';
import { Permission } from '../../../core/auth/auth.service';
import { ALL_PERMISSIONS, READ_ONLY_PERMISSIONS, signInAs } from '../../../core/auth/auth.testing';
import { UnitComplianceTabComponent } from './tabs/compliance-tab.component';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';

/** A feature's card: it only knows the unit and the lease it is given. */
@Component({
  selector: 'app-test-market-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<section class="card" data-testid="market-card">
    Market for {{ unit().unit_number }} · {{ lease()?.lease_number ?? 'no lease' }}
  </section>`,
})
class MarketCardComponent {
  readonly unit = input.required<Unit>();
  readonly lease = input<LeaseLifecycle | null>(null);
}

@Component({
  selector: 'app-test-banner-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<section data-testid="banner-card">Banner</section>`,
})
class BannerCardComponent {
  readonly unit = input.required<Unit>();
  readonly lease = input<LeaseLifecycle | null>(null);
}

const UNIT = {
  id: 'u1',
  unit_number: '204',
  property: 'p1',
  property_name: 'Oak Court',
  current_rent: '1500.00',
  market_rent: '1650.00',
  status: 'occupied',
  amenities: [],
  square_feet: 850,
} as unknown as Unit;

const LEASE = {
  id: 'l1',
  lease_number: 'L-0001',
  lease_status: 'active',
  monthly_rent_amount: '1500.00',
} as LeaseLifecycle;

/** A loaded lease list, as the page passes it. */
function loadedLeases(): ResourceRef<Paginated<LeaseLifecycle> | undefined> {
  const page: Paginated<LeaseLifecycle> = {
    count: 1,
    next: null,
    previous: null,
    results: [LEASE],
  };
  return {
    hasValue: () => true,
    value: () => page,
    error: () => undefined,
    isLoading: () => false,
    reload: () => true,
  } as unknown as ResourceRef<Paginated<LeaseLifecycle> | undefined>;
}

describe('UNIT_DETAIL_CARDS (feature cards on the unit page)', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideUnitDetailCard({ tab: 'overview', order: 10, component: MarketCardComponent }),
        provideUnitDetailCard({ tab: 'overview', order: -1, component: BannerCardComponent }),
        provideUnitDetailCard({ tab: 'maintenance', order: -5, component: BannerCardComponent }),
      ],
    });
  });

  it('renders a contributed card in its tab with the unit and lease as inputs', async () => {
    const fixture = TestBed.createComponent(UnitOverviewTabComponent);
    fixture.componentRef.setInput('unit', UNIT);
    fixture.componentRef.setInput('lease', LEASE);
    fixture.componentRef.setInput('leases', loadedLeases());
    await fixture.whenStable();
    const el: HTMLElement = fixture.nativeElement;

    const card = el.querySelector('[data-testid=market-card]');
    expect(card?.textContent).toContain('Market for 204 · L-0001');
    // Negative order goes above the tab's own cards, the others below them.
    const sections = [...el.querySelectorAll('section')].map(
      (s) => s.getAttribute('data-testid') ?? s.querySelector('h2')?.textContent?.trim(),
    );
    expect(sections[0]).toBe('banner-card');
    expect(sections.at(-1)).toBe('market-card');
    expect(sections).toContain('Rent');
  });

  it('shows a card only in its own tab', async () => {
    const fixture = TestBed.createComponent(UnitMaintenanceTabComponent);
    fixture.componentRef.setInput('unit', UNIT);
    fixture.detectChanges();
    TestBed.tick();
    // The tab loads its own work orders when shown.
    TestBed.inject(HttpTestingController)
      .expectOne((r) => r.url.endsWith('/work-orders/') && r.params.get('unit') === 'u1')
      .flush({ count: 0, next: null, previous: null, results: [] });
    await fixture.whenStable();
    const el: HTMLElement = fixture.nativeElement;
    expect(el.querySelector('[data-testid=banner-card]')).not.toBeNull();
    expect(el.querySelector('[data-testid=market-card]')).toBeNull();
  });
});

describe('unit tabs by role', () => {
  const tabs = (perms: readonly Permission[]) =>
    visibleUnitTabs((p) => perms.includes(p)).map((t) => t.id);

  it('shows every tab to a manager or a read-only user', () => {
    const all = ['overview', 'tenant', 'financials', 'maintenance', 'compliance'];
    expect(tabs(ALL_PERMISSIONS)).toEqual(all);
    expect(tabs(READ_ONLY_PERMISSIONS)).toEqual(all);
  });

  it('hides the ledger (Financials) and the work orders (Maintenance) from roles that cannot read them', () => {
    expect(tabs(['view_portfolio', 'view_renewals'])).toEqual(['overview', 'tenant', 'compliance']);
    expect(tabs(['view_portfolio', 'view_maintenance'])).toEqual([
      'overview',
      'tenant',
      'maintenance',
      'compliance',
    ]);
    expect(tabs(['view_portfolio', 'view_ledger'])).toEqual([
      'overview',
      'tenant',
      'financials',
      'compliance',
    ]);
  });
});

describe('Compliance tab by role', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  async function open(perms: readonly Permission[]) {
    signInAs(perms);
    const fixture = TestBed.createComponent(UnitComplianceTabComponent);
    fixture.componentRef.setInput('unit', UNIT);
    fixture.componentRef.setInput('lease', LEASE);
    fixture.componentRef.setInput('leasesLoaded', true);
    fixture.detectChanges();
    TestBed.tick();
    return fixture;
  }

  it('loads and shows the equipment for a role that sees maintenance data', async () => {
    const fixture = await open(READ_ONLY_PERMISSIONS);
    http
      .expectOne((r) => r.url.endsWith('/predictive-maintenance/equipment/'))
      .flush({ count: 0, next: null, previous: null, results: [] });
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toContain('Warranty summary');
  });

  it('shows a leasing agent the lease dates without asking for the equipment', async () => {
    const fixture = await open(['view_portfolio', 'view_renewals', 'manage_leases']);
    await fixture.whenStable();
    http.expectNone((r) => r.url.includes('/equipment/'));
    const text = fixture.nativeElement.textContent as string;
    expect(text).toContain('Lease dates');
    expect(text).not.toContain('Warranty summary');
    expect(text).not.toContain('Equipment');
  });
});
