import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, input, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { Permission } from '../../core/auth/auth.service';
import { ALL_PERMISSIONS, READ_ONLY_PERMISSIONS, signInAs } from '../../core/auth/auth.testing';
import { WorkOrderDetail } from '../../core/models';
import { WorkOrderDetailComponent } from './work-order-detail.component';
import { WorkOrderListComponent } from './work-order-list.component';
import { provideWorkOrderPanel } from './work-order-panels';

export const WORK_ORDER: WorkOrderDetail = {
  id: 'W1',
  work_order_number: 'WO-2026-0042',
  unit: 'U1',
  unit_number: '101',
  building: 'A',
  property: 'P1',
  property_name: 'Maple Court',
  title: 'Kitchen sink leaking',
  description: 'Under the cabinet',
  technician_notes: '',
  category: 'plumbing',
  priority: 'high',
  status: 'open',
  requested_date: '2026-03-01',
  scheduled_date: null,
  completed_date: null,
  closed_at: null,
  estimated_cost: '150.00',
  actual_cost: null,
  assigned_vendor: null,
  vendor_name: null,
  reported_by: 'Tenant',
  lease: 'L1',
  lease_number: 'LSE-1',
  tenant: 'T1',
  tenant_name: 'Maria Lopez',
  age_days: 11,
  sla_target_days: 3,
  sla_due_date: '2026-03-04',
  sla_breached: true,
  allowed_transitions: ['assigned', 'in_progress', 'cancelled'],
  created_at: '2026-03-01T10:00:00Z',
  updated_at: '2026-03-01T10:00:00Z',
  files: [],
  events: [
    {
      id: 'E1',
      at: '2026-03-01T10:00:00Z',
      actor_name: 'Demo Manager',
      kind: 'created',
      from_status: null,
      to_status: 'open',
      message: '',
    },
  ],
  invoices: [],
};

/** A panel a later feature would add (responsibility…). */
@Component({
  selector: 'app-test-panel',
  template: `<p data-testid="test-panel">{{ workOrder().id }}</p>`,
})
class TestPanelComponent {
  readonly workOrder = input.required<WorkOrderDetail>();
  readonly refresh = input.required<() => void>();
}

describe('work-order screens by role', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'maintenance', component: WorkOrderListComponent },
            { path: 'maintenance/:id', component: WorkOrderDetailComponent },
          ],
          withComponentInputBinding(),
        ),
        provideWorkOrderPanel({ area: 'main', order: 1, component: TestPanelComponent }),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  async function openAs(perms: readonly Permission[], url: string, wo = WORK_ORDER) {
    signInAs(perms);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    TestBed.tick();
    const asked: string[] = [];
    const queries: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (const req of http.match(() => true)) {
        const path = req.request.url.replace(/^.*\/api\/v1/, '');
        asked.push(path);
        queries.push(req.request.urlWithParams.replace(/^.*\/api\/v1/, ''));
        if (path === '/units/work-orders/W1/') req.flush(wo);
        else if (path === '/units/work-orders/summary/')
          req.flush({ by_status: { open: 1 }, sla_breached: 1, total: 1 });
        else if (path === '/units/work-orders/')
          req.flush({ count: 1, next: null, previous: null, results: [wo] });
        else req.flush({ count: 0, next: null, previous: null, results: [] });
      }
      await harness.fixture.whenStable();
    }
    return { el: harness.routeNativeElement as HTMLElement, asked, queries };
  }

  const buttons = (el: HTMLElement) =>
    [...el.querySelectorAll('[data-testid=wo-actions] button')].map((b) =>
      b.getAttribute('data-action'),
    );

  it('gives a manager the moves the API allows, Edit and the upload zone', async () => {
    const { el } = await openAs(ALL_PERMISSIONS, '/maintenance/W1');
    expect(buttons(el)).toEqual(['assigned', 'in_progress', 'cancelled', 'edit']);
    expect(el.querySelector('[data-testid=upload-zone]')).not.toBeNull();
    expect(el.querySelector('[data-testid=wo-title]')?.textContent).toBe('Kitchen sink leaking');
    expect(el.querySelector('[data-testid=sla-overdue]')).not.toBeNull();
    expect(el.querySelector('[data-testid=wo-tenant]')?.textContent).toContain('Maria Lopez');
    expect(el.querySelector('[data-testid=test-panel]')?.textContent).toBe('W1');
  });

  it('shows a read-only user the work order without a single action', async () => {
    const { el } = await openAs(READ_ONLY_PERMISSIONS, '/maintenance/W1');
    expect(el.querySelector('[data-testid=wo-title]')).not.toBeNull();
    expect(el.querySelector('[data-testid=wo-actions]')).toBeNull();
    expect(el.querySelector('[data-testid=upload-zone]')).toBeNull();
    expect(el.querySelector('[data-testid=wo-file-remove]')).toBeNull();
  });

  it('offers no move on a closed work order, and no Edit', async () => {
    const closed = { ...WORK_ORDER, status: 'closed', allowed_transitions: [] };
    const { el } = await openAs(ALL_PERMISSIONS, '/maintenance/W1', closed);
    expect(buttons(el)).toEqual([]);
  });

  it('lists the work orders with their status counts; "New work order" only for managers', async () => {
    const manager = await openAs(ALL_PERMISSIONS, '/maintenance?status=active');
    expect(manager.el.querySelector('[data-testid=new-work-order]')).not.toBeNull();
    expect(manager.el.querySelectorAll('[data-testid=work-orders-table] tr.row').length).toBe(1);
    expect(
      manager.el.querySelector('[data-testid=status-chips] [data-status=open]')?.textContent,
    ).toContain('1');
    expect(manager.asked).toContain('/units/work-orders/summary/');
    // the chip "Open work" asks for open=true; the summary's counts ignore the chip
    expect(manager.queries).toContain('/units/work-orders/?open=true&page=1&page_size=25');
    expect(manager.queries.filter((q) => q.startsWith('/units/work-orders/summary/'))).toEqual([
      '/units/work-orders/summary/',
    ]);
  });

  it('hides "New work order" from a read-only user', async () => {
    const { el } = await openAs(READ_ONLY_PERMISSIONS, '/maintenance');
    expect(el.querySelector('[data-testid=new-work-order]')).toBeNull();
    expect(el.querySelector('[data-testid=export-work-orders]')).not.toBeNull();
  });
});
