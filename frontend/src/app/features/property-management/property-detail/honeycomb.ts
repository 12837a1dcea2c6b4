import { LeaseStatus, UnitGridItem } from '../../../core/models';

/** The lifecycle state a hex shows: the current lease's state, or vacant without a lease. */
export function unitLifecycleState(unit: UnitGridItem): LeaseStatus {
  return unit.lease?.lease_status ?? 'vacant';
}

/** Hex colours by lifecycle state (spec 0.0 "Honeycomb Hex Colors"). */
export const HEX_COLORS: Record<LeaseStatus, string> = {
  active: '#0D9488',
  month_to_month: '#D97706',
  notice: '#DC2626',
  vacant: '#94A3B8',
};

export interface HoneycombFloor {
  floor: number;
  units: UnitGridItem[];
}

export interface HoneycombBuilding {
  building: string;
  unitCount: number;
  floors: HoneycombFloor[];
}

const collator = new Intl.Collator('en-US', { numeric: true, sensitivity: 'base' });

/** Units grouped by building (A, B, …) then floor, top floor first, units in number order. */
export function groupUnits(units: UnitGridItem[]): HoneycombBuilding[] {
  const buildings = new Map<string, Map<number, UnitGridItem[]>>();
  for (const u of units) {
    const b = u.building || '—';
    let floors = buildings.get(b);
    if (!floors) buildings.set(b, (floors = new Map()));
    const f = u.floor ?? 0;
    let list = floors.get(f);
    if (!list) floors.set(f, (list = []));
    list.push(u);
  }
  return [...buildings.entries()]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([building, floors]) => ({
      building,
      unitCount: [...floors.values()].reduce((n, l) => n + l.length, 0),
      floors: [...floors.entries()]
        .sort(([a], [b]) => b - a)
        .map(([floor, list]) => ({
          floor,
          units: list.sort((x, y) => collator.compare(x.unit_number, y.unit_number)),
        })),
    }));
}
