import { LeaseLifecycle } from '../../core/models';
import { ApiError } from '../../core/utils/api-error';
import { transitionBody, validateTransition } from './components/transition-dialog.component';
import { editPatch, editValues, validateEdit } from './components/work-order-edit.component';
import { linkKind, viewable } from './components/work-order-files.component';
import { validateNewWorkOrder } from './work-order-new.component';
import {
  IdempotencyKeys,
  ageText,
  chipCount,
  costVariance,
  eventText,
  fieldErrors,
  occupyingLease,
  slaText,
  statusFilter,
  transitionAction,
  transitionActions,
  vendorsFor,
} from './work-order-format';

describe('work-order moves', () => {
  const labels = (status: string, allowed: string[]) =>
    transitionActions({ status, allowed_transitions: allowed }).map((a) => a.label);

  it('offers the buttons of the allowed moves, forward first and cancel last', () => {
    expect(labels('open', ['cancelled', 'in_progress', 'assigned'])).toEqual([
      'Assign vendor',
      'Start (in-house)',
      'Cancel work order',
    ]);
    expect(labels('assigned', ['open', 'cancelled', 'in_progress'])).toEqual([
      'Start work',
      'Unassign',
      'Cancel work order',
    ]);
    expect(labels('in_progress', ['completed', 'cancelled'])).toEqual([
      'Complete',
      'Cancel work order',
    ]);
    expect(labels('completed', ['in_progress', 'closed'])).toEqual(['Close', 'Reopen']);
    expect(labels('closed', [])).toEqual([]);
  });

  it('asks what each move needs', () => {
    expect(transitionAction('open', 'assigned').dialog).toBe('assign');
    expect(transitionAction('assigned', 'in_progress').dialog).toBe('start');
    expect(transitionAction('in_progress', 'completed').dialog).toBe('complete');
    expect(transitionAction('completed', 'in_progress').dialog).toBe('reopen');
    expect(transitionAction('open', 'cancelled')).toEqual({
      to: 'cancelled',
      label: 'Cancel work order',
      dialog: 'cancel',
      tone: 'danger',
    });
    expect(transitionAction('completed', 'closed').dialog).toBe('confirm');
    expect(transitionAction('x', 'on_hold').label).toBe('Move to on_hold');
  });

  const v = {
    vendor: '',
    note: '',
    actualCost: '',
    completedDate: '2026-03-10',
    technicianNotes: '',
  };
  const today = new Date(2026, 2, 12);

  it('checks a move before sending it', () => {
    expect(validateTransition({ dialog: 'assign' }, v, '2026-03-01', today)).toEqual({
      assigned_vendor: 'Choose a vendor.',
    });
    expect(validateTransition({ dialog: 'reopen' }, { ...v, note: ' ' }, null, today)).toEqual({
      note: 'Say why the work is reopened.',
    });
    expect(validateTransition({ dialog: 'complete' }, v, '2026-03-01', today)).toEqual({
      actual_cost: 'Enter what the work cost (0 if nothing).',
    });
    // 0 is a cost
    expect(
      validateTransition({ dialog: 'complete' }, { ...v, actualCost: '0' }, null, today),
    ).toEqual({});
    expect(
      validateTransition({ dialog: 'complete' }, { ...v, actualCost: '12.345' }, null, today)[
        'actual_cost'
      ],
    ).toMatch(/two decimals/);
    expect(
      validateTransition(
        { dialog: 'complete' },
        { ...v, actualCost: '10', completedDate: '2026-03-13' },
        null,
        today,
      )['completed_date'],
    ).toMatch(/later than today/);
    expect(
      validateTransition(
        { dialog: 'complete' },
        { ...v, actualCost: '10', completedDate: '2026-02-27' },
        '2026-03-01',
        today,
      )['completed_date'],
    ).toMatch(/before it was requested/);
    expect(validateTransition({ dialog: 'cancel' }, v, null, today)).toEqual({});
  });

  it('sends what the move needs', () => {
    const complete = transitionAction('in_progress', 'completed');
    expect(
      transitionBody(complete, {
        ...v,
        vendor: 'V1',
        actualCost: '$1,250.5',
        technicianNotes: ' Replaced the trap. ',
      }),
    ).toEqual({
      status: 'completed',
      actual_cost: '1250.50',
      completed_date: '2026-03-10',
      technician_notes: 'Replaced the trap.',
    });
    expect(transitionBody(transitionAction('open', 'assigned'), { ...v, vendor: 'V1' })).toEqual({
      status: 'assigned',
      assigned_vendor: 'V1',
    });
    expect(
      transitionBody(transitionAction('completed', 'in_progress'), { ...v, note: ' Leaks again ' }),
    ).toEqual({ status: 'in_progress', note: 'Leaks again' });
  });
});

describe('the list', () => {
  it('turns a status chip into API filters', () => {
    expect(statusFilter('')).toEqual({});
    expect(statusFilter('active')).toEqual({ open: true });
    expect(statusFilter('completed')).toEqual({ status: ['completed'] });
    expect(statusFilter('bogus')).toEqual({});
  });

  it('counts each chip from the summary', () => {
    const s = { by_status: { open: 3, assigned: 2, in_progress: 1, completed: 9 }, total: 15 };
    expect(chipCount('', s)).toBe(15);
    expect(chipCount('active', s)).toBe(6);
    expect(chipCount('completed', s)).toBe(9);
    expect(chipCount('cancelled', s)).toBe(0);
    expect(chipCount('open', null)).toBeNull();
  });

  it('says the age and where the work stands against its SLA', () => {
    expect(ageText(0)).toBe('0 d');
    expect(ageText(12)).toBe('12 d');
    const today = new Date(2026, 2, 12);
    const due = (sla_due_date: string, status = 'open', sla_breached = false) =>
      slaText({ sla_due_date, status, sla_breached }, today);
    expect(due('2026-03-15')).toBe('Due in 3 days');
    expect(due('2026-03-13')).toBe('Due tomorrow');
    expect(due('2026-03-12')).toBe('Due today');
    expect(due('2026-03-11', 'assigned', true)).toBe('1 day overdue');
    expect(due('2026-03-02', 'in_progress', true)).toBe('10 days overdue');
    expect(due('2026-03-02', 'completed', true)).toBe('Finished after the SLA');
    expect(due('2026-03-20', 'closed')).toBe('Finished within the SLA');
    expect(due('2026-03-02', 'cancelled', true)).toBe('');
  });
});

describe('the detail', () => {
  it('compares the actual cost with the estimate', () => {
    expect(costVariance('200.00', '250.00')).toEqual({ amount: 50, pct: 25, over: true });
    expect(costVariance('200.00', '150.00')).toEqual({ amount: -50, pct: -25, over: false });
    expect(costVariance('0.00', '10.00')).toEqual({ amount: 10, pct: null, over: true });
    expect(costVariance(null, '10.00')).toBeNull();
    expect(costVariance('10.00', null)).toBeNull();
  });

  it('titles timeline entries', () => {
    expect(
      eventText({ kind: 'status', from_status: 'open', to_status: 'assigned', message: '' }),
    ).toBe('Open → Assigned');
    expect(eventText({ kind: 'status', from_status: null, to_status: 'open', message: '' })).toBe(
      'Open',
    );
    expect(eventText({ kind: 'created', from_status: null, to_status: null, message: '' })).toBe(
      'Created',
    );
    expect(eventText({ kind: 'other', from_status: null, to_status: null, message: '' })).toBe(
      'other',
    );
  });

  it('shows a file through its signed links and links uploads by kind', () => {
    const { file, signed } = viewable({
      id: 'L1',
      file: 'F1',
      kind: 'photo',
      original_name: 'sink.jpg',
      content_type: 'image/jpeg',
      size: 1000,
      width: 10,
      height: 10,
      url: '/api/v1/files/signed/abc/',
      thumbnail_url: '/api/v1/files/signed/abc.t/',
      uploaded_by_name: 'Demo Manager',
      created_at: '2026-03-10T10:00:00Z',
    });
    expect(file).toEqual({
      id: 'F1',
      kind: 'image',
      original_name: 'sink.jpg',
      thumbnail: '/api/v1/files/signed/abc.t/',
    });
    expect(signed).toEqual({
      url: '/api/v1/files/signed/abc/',
      thumbnailUrl: '/api/v1/files/signed/abc.t/',
    });
    expect(linkKind({ kind: 'image' })).toBe('photo');
    expect(linkKind({ kind: 'pdf' })).toBe('document');
  });

  const WO = {
    title: 'Leak',
    category: 'plumbing',
    priority: 'medium',
    description: '',
    technician_notes: '',
    requested_date: '2026-03-01',
    scheduled_date: '2026-03-04',
    estimated_cost: '120.00',
    reported_by: 'Tenant',
  };

  it('patches only what the edit changed (an emptied date or estimate is null)', () => {
    const before = editValues(WO as never);
    expect(editPatch(before, { ...before })).toEqual({});
    expect(editPatch(before, { ...before, estimated_cost: '120' })).toEqual({});
    expect(
      editPatch(before, {
        ...before,
        title: ' Leak under sink ',
        scheduled_date: '',
        estimated_cost: '',
        priority: 'high',
      }),
    ).toEqual({
      title: 'Leak under sink',
      scheduled_date: null,
      estimated_cost: null,
      priority: 'high',
    });
    expect(editPatch(before, { ...before, estimated_cost: '$99.5' })).toEqual({
      estimated_cost: '99.50',
    });
    expect(validateEdit({ ...before, title: ' ', estimated_cost: 'abc' })).toEqual({
      title: 'The work order needs a title.',
      estimated_cost: 'Enter an amount like 250.00 (at most two decimals).',
    });
  });
});

describe('the new-work-order form', () => {
  const ok = {
    unit: 'U1',
    title: 'Leak',
    requested_date: '2026-03-01',
    scheduled_date: '',
    estimated_cost: '',
    reported_by: '',
    description: '',
  };

  it('needs a unit, a title and the requested date', () => {
    expect(validateNewWorkOrder(ok)).toEqual({});
    expect(
      Object.keys(validateNewWorkOrder({ ...ok, unit: '', title: '  ', requested_date: '' })),
    ).toEqual(['unit', 'title', 'requested_date']);
    expect(validateNewWorkOrder({ ...ok, scheduled_date: '2026-02-28' })['scheduled_date']).toMatch(
      /before the request/,
    );
    expect(validateNewWorkOrder({ ...ok, estimated_cost: '-5' })['estimated_cost']).toMatch(
      /amount like/,
    );
    expect(validateNewWorkOrder({ ...ok, estimated_cost: '1,200.00' })).toEqual({});
  });

  const vendors = [
    { id: 'V1', name: 'Ace Plumbing', trade: 'plumbing' },
    { id: 'V2', name: 'Bright Electric', trade: 'electrical' },
  ];

  it("offers the vendors of the category's trade, or every vendor when none has it", () => {
    expect(vendorsFor(vendors, 'plumbing').map((v) => v.id)).toEqual(['V1']);
    expect(vendorsFor(vendors, 'plumbing', true).map((v) => v.id)).toEqual(['V1', 'V2']);
    expect(vendorsFor(vendors, 'pest').map((v) => v.id)).toEqual(['V1', 'V2']);
  });

  const lease = (over: Partial<LeaseLifecycle>): LeaseLifecycle =>
    ({
      id: 'L',
      lease_number: 'L',
      tenant_name: 'T',
      lease_status: 'vacant',
      status: 'active',
      lease_begin_date: null,
      lease_end_date: null,
      actual_move_out_date: null,
      notice_move_out_date: null,
      ...over,
    }) as LeaseLifecycle;

  it("previews the lease in occupancy on the requested date (the API's rule)", () => {
    const old = lease({
      id: 'old',
      lease_begin_date: '2024-01-01',
      lease_end_date: '2024-12-31',
      actual_move_out_date: '2025-01-15',
    });
    const current = lease({
      id: 'cur',
      lease_status: 'month_to_month',
      lease_begin_date: '2025-02-01',
      lease_end_date: '2026-01-31',
    });
    const leases = [old, current];
    expect(occupyingLease(leases, '2025-01-10')?.id).toBe('old');
    // the move-out day still belongs to the lease
    expect(occupyingLease(leases, '2025-01-15')?.id).toBe('old');
    expect(occupyingLease(leases, '2025-01-20')).toBeNull();
    // month-to-month: past the end date, still in occupancy
    expect(occupyingLease(leases, '2026-03-01')?.id).toBe('cur');
    expect(occupyingLease(leases, '2023-06-01')).toBeNull();
    expect(occupyingLease(leases, '')).toBeNull();
    // notice, not yet moved out: continues past its notice move-out date
    const notice = lease({
      id: 'n',
      lease_status: 'notice',
      lease_begin_date: '2025-02-01',
      lease_end_date: '2026-01-31',
      notice_move_out_date: '2026-03-31',
    });
    expect(occupyingLease([notice], '2026-04-02')?.id).toBe('n');
    // vacant without a move-out date: its notice move-out, else its end date
    const left = lease({
      id: 'v',
      lease_begin_date: '2025-02-01',
      lease_end_date: '2026-01-31',
      notice_move_out_date: '2025-12-15',
    });
    expect(occupyingLease([left], '2025-12-15')?.id).toBe('v');
    expect(occupyingLease([left], '2025-12-16')).toBeNull();
    // an active lease whose contract expired ends on its end date; otherwise it continues
    const expired = lease({
      id: 'e',
      lease_status: 'active',
      status: 'expired',
      lease_begin_date: '2025-02-01',
      lease_end_date: '2026-01-31',
    });
    expect(occupyingLease([expired], '2026-02-01')).toBeNull();
    expect(occupyingLease([{ ...expired, status: 'active' }], '2026-02-01')?.id).toBe('e');
    // a same-day turnover goes to the new tenant
    const next = lease({ id: 'next', lease_status: 'active', lease_begin_date: '2025-01-15' });
    expect(occupyingLease([old, next], '2025-01-15')?.id).toBe('next');
  });

  it("puts a 400's field errors by their fields, the rest together", () => {
    const err = new ApiError(400, 'title: This field may not be blank.', {
      title: ['This field may not be blank.'],
      unit: ['Unit not found.'],
      non_field_errors: ['The lease does not belong to this unit.'],
    });
    expect(fieldErrors(err, ['title'])).toEqual({
      title: 'This field may not be blank.',
      '': 'unit: Unit not found. The lease does not belong to this unit.',
    });
    expect(fieldErrors(new Error('x'), ['title'])).toEqual({});
  });

  it('reuses an idempotency key for the same body only', () => {
    const keys = new IdempotencyKeys();
    const a = keys.keyFor({ unit: 'U1', title: 'Leak' });
    expect(keys.keyFor({ unit: 'U1', title: 'Leak' })).toBe(a);
    const b = keys.keyFor({ unit: 'U1', title: 'Leak under sink' });
    expect(b).not.toBe(a);
    expect(keys.keyFor({ unit: 'U1', title: 'Leak' })).not.toBe(a);
  });
});
