import {
  ChangeDetectionStrategy,
  Component,
  InjectionToken,
  Provider,
  Type,
  computed,
  inject,
  input,
} from '@angular/core';
import { NgComponentOutlet } from '@angular/common';

import { Permission } from '../../../core/auth/auth.service';
import { LeaseLifecycle, Unit } from '../../../core/models';

/** The unit page's tabs; a tab whose data the role can't read (`permission`) is not shown or loaded. */
export const UNIT_TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'tenant', label: 'Tenant' },
  { id: 'financials', label: 'Financials', permission: 'view_ledger' },
  { id: 'maintenance', label: 'Maintenance', permission: 'view_maintenance' },
  { id: 'compliance', label: 'Compliance' },
] as const satisfies readonly { id: string; label: string; permission?: Permission }[];
export type UnitTab = (typeof UNIT_TABS)[number]['id'];

/** The tabs a role sees. */
export function visibleUnitTabs(can: (perm: Permission) => boolean): (typeof UNIT_TABS)[number][] {
  return UNIT_TABS.filter((t) => !('permission' in t) || can(t.permission));
}

/**
 * A card a feature adds to a unit-page tab without editing the unit page (2.2 Market Intelligence on
 * Overview, 2.3 AI Risk Assessment on Maintenance…). The component gets two inputs, which it must
 * declare: `unit` (Unit) and `lease` (the unit's current LeaseLifecycle, or null); it loads its own data.
 * `order` places it among the tab's cards: negative above the tab's own content, 0 or more below it,
 * lower first.
 */
export interface UnitDetailCard {
  tab: UnitTab;
  order: number;
  component: Type<unknown>;
}

export const UNIT_DETAIL_CARDS = new InjectionToken<readonly UnitDetailCard[]>('UNIT_DETAIL_CARDS');

/** `providers: [provideUnitDetailCard({ tab: 'overview', order: 10, component: MarketCardComponent })]`
 * in the app config or a route that leads to the unit page. */
export function provideUnitDetailCard(card: UnitDetailCard): Provider {
  return { provide: UNIT_DETAIL_CARDS, useValue: card, multi: true };
}

/** The contributed cards of one tab, above (`placement="before"`) or below its own content. */
@Component({
  selector: 'app-unit-tab-cards',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgComponentOutlet],
  host: { '[style.display]': 'cards().length ? "contents" : "none"' },
  template: `
    @for (c of cards(); track c) {
      <ng-container *ngComponentOutlet="c.component; inputs: { unit: unit(), lease: lease() }" />
    }
  `,
})
export class UnitTabCardsComponent {
  private readonly all = inject(UNIT_DETAIL_CARDS, { optional: true }) ?? [];

  readonly tab = input.required<UnitTab>();
  readonly placement = input<'before' | 'after'>('after');
  readonly unit = input.required<Unit>();
  readonly lease = input<LeaseLifecycle | null>(null);

  protected readonly cards = computed(() =>
    this.all
      .filter(
        (c) => c.tab === this.tab() && (this.placement() === 'before' ? c.order < 0 : c.order >= 0),
      )
      .slice()
      .sort((a, b) => a.order - b.order),
  );
}
