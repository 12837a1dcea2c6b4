import { UnitGridItem } from '../../../core/models';
import { HEX_COLORS, groupUnits, unitLifecycleState } from './honeycomb';

function unit(
  unit_number: string,
  building: string,
  floor: number,
  lease_status?: string,
): UnitGridItem {
  return {
    id: unit_number,
    unit_number,
    building,
    floor,
    bedrooms: 1,
    bathrooms: '1.0',
    square_feet: 700,
    current_rent: '1500.00',
    market_rent: '1550.00',
    status: 'occupied',
    balance: '0.00',
    overdue_balance: '0.00',
    lease: lease_status
      ? ({
          id: 'l' + unit_number,
          lease_status,
          tenant_id: 't',
          tenant_name: 'T',
          lease_number: 'L',
        } as UnitGridItem['lease'])
      : null,
  };
}

describe('honeycomb', () => {
  it('colours by the lease lifecycle state; no lease is vacant', () => {
    expect(unitLifecycleState(unit('A-101', 'A', 1, 'notice'))).toBe('notice');
    expect(unitLifecycleState(unit('A-102', 'A', 1))).toBe('vacant');
    expect(HEX_COLORS).toEqual({
      active: '#0D9488',
      month_to_month: '#D97706',
      notice: '#DC2626',
      vacant: '#94A3B8',
    });
  });

  it('groups by building, top floor first, units in natural order', () => {
    const groups = groupUnits([
      unit('B-101', 'B', 1, 'active'),
      unit('A-110', 'A', 1, 'active'),
      unit('A-201', 'A', 2, 'active'),
      unit('A-102', 'A', 1, 'active'),
      unit('A-109', 'A', 1, 'active'),
    ]);
    expect(groups.map((g) => g.building)).toEqual(['A', 'B']);
    expect(groups[0].unitCount).toBe(4);
    expect(groups[0].floors.map((f) => f.floor)).toEqual([2, 1]);
    expect(groups[0].floors[1].units.map((u) => u.unit_number)).toEqual([
      'A-102',
      'A-109',
      'A-110',
    ]);
  });
});
