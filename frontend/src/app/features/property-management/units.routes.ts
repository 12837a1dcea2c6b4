import { Routes } from '@angular/router';

import { MarketIntelligenceCardComponent } from '../pricing/market-intelligence-card.component';
import { provideUnitDetailCard } from './unit-detail/unit-detail-cards';

export default [
  { path: '', pathMatch: 'full', redirectTo: '/properties' },
  {
    path: ':id',
    title: 'Unit · UnitCycle',
    // 2.2 Market Intelligence on the Overview, above the unit's own cards
    providers: [
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
