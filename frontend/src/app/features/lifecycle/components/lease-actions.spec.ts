import { actionsFor } from './lease-action-buttons.component';
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
