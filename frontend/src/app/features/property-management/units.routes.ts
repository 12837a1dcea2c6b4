import { Routes } from '@angular/router';

import { TurnoverUnitCardComponent } from '../turnover/turnover-unit-card.component';
import { UnitRiskCardComponent } from '../predictive-maintenance/unit-risk-card.component';
import { MarketIntelligenceCardComponent } from '../pricing/market-intelligence-card.component';
import { provideUnitDetailCard } from './unit-detail/unit-detail-cards';

export default [
  { path: '', pathMatch: 'full', redirectTo: '/properties' },
  {
    path: ':id',
    title: 'Unit · UnitCycle',
    // 2.1: the turnover stage on the overview; 2.2: Market Intelligence on the overview, above the unit's own
    // cards; 2.3: the AI Risk Assessment at the top of the Maintenance tab.
    providers: [
      provideUnitDetailCard({ tab: 'overview', order: -1, component: TurnoverUnitCardComponent }),
      provideUnitDetailCard({ tab: 'maintenance', order: -10, component: UnitRiskCardComponent }),
      provideUnitDetailCard({
        tab: 'overview',
        order: -10,
        component: MarketIntelligenceCardComponent,
      }),
    ],
    loadComponent: () =>
      import('./unit-detail/unit-detail.component').then((m) => m.UnitDetailComponent),
  },
] satisfies Routes;
