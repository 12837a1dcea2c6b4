import { Routes } from '@angular/router';

import { TurnoverUnitCardComponent } from '../turnover/turnover-unit-card.component';
import { provideUnitDetailCard } from './unit-detail/unit-detail-cards';

export default [
  { path: '', pathMatch: 'full', redirectTo: '/properties' },
  {
    path: ':id',
    title: 'Unit · UnitCycle',
    providers: [
      provideUnitDetailCard({ tab: 'overview', order: -1, component: TurnoverUnitCardComponent }),
    ],
    loadComponent: () =>
      import('./unit-detail/unit-detail.component').then((m) => m.UnitDetailComponent),
  },
] satisfies Routes;
