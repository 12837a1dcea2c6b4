import { Routes } from '@angular/router';

export default [
  {
    path: '',
    title: 'Turnover · UnitCycle',
    loadComponent: () => import('./turnover-board.component').then((m) => m.TurnoverBoardComponent),
  },
  {
    path: ':caseId',
    title: 'Turnover case · UnitCycle',
    loadComponent: () =>
      import('./turnover-detail.component').then((m) => m.TurnoverDetailComponent),
  },
] satisfies Routes;
