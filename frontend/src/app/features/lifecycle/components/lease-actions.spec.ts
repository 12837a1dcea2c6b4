import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { Permission } from '../../../core/auth/auth.service';
import { READ_ONLY_PERMISSIONS, signInAs } from '../../../core/auth/auth.testing';
import { LeaseLifecycle } from '../../../core/models';
import { LeaseActionButtonsComponent, actionsFor } from './lease-action-buttons.component';
import { validateNotice } from './give-notice-dialog.component';

describe('lease actions per lifecycle state', () => {
  it('offers Convert to MTM and Give Notice on active, Give Notice on MTM, Mark Vacant on notice, nothing on vacant', () => {
    expect(actionsFor('active')).toEqual(['convert-mtm', 'give-notice']);
    expect(actionsFor('month_to_month')).toEqual(['give-notice']);
    expect(actionsFor('notice')).toEqual(['mark-vacant']);
    expect(actionsFor('vacant')).toEqual([]);
    expect(actionsFor(null)).toEqual([]);
  });
});

describe('validateNotice', () => {
  it('accepts a move-out at least 30 days after the notice', () => {
    expect(validateNotice('2026-03-15', '2026-04-14')).toEqual({});
    expect(validateNotice('2026-03-15', '2026-05-01')).toEqual({});
  });

  it('refuses a move-out under 30 days after the notice', () => {
    expect(validateNotice('2026-03-15', '2026-04-13').moveOut).toMatch(/at least 30 days/);
  });

  it('requires both dates', () => {
    expect(validateNotice('', '2026-04-14').notice).toBeTruthy();
    expect(validateNotice('2026-03-15', '').moveOut).toBeTruthy();
  });
});

describe('LeaseActionButtonsComponent by role', () => {
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
  });

  afterEach(() => localStorage.clear());

  async function buttonsFor(perms: Permission[]) {
    signInAs(perms);
    const fixture = TestBed.createComponent(LeaseActionButtonsComponent);
    fixture.componentRef.setInput('lease', {
      id: 'l1',
      unit_number: '101',
      tenant_name: 'Maria Lopez',
      lease_status: 'active',
      lease_end_date: '2026-12-31',
    } as LeaseLifecycle);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    return [...el.querySelectorAll('button')].map((b) => b.getAttribute('data-action'));
  }

  it('offers the lease actions to a role that manages leases (leasing agent)', async () => {
    expect(await buttonsFor(['view_portfolio', 'manage_leases'])).toEqual([
      'convert-mtm',
      'give-notice',
    ]);
  });

  it('offers none to a read-only user or an accountant', async () => {
    expect(await buttonsFor(READ_ONLY_PERMISSIONS)).toEqual([]);
    expect(await buttonsFor(['view_portfolio', 'view_ledger', 'record_payments'])).toEqual([]);
  });
});
