import { Routes } from '@angular/router';

export default [
  {
    path: '',
    loadComponent: () =>
      import('./predictive-shell.component').then((m) => m.PredictiveShellComponent),
    children: [
      {
        path: '',
        title: 'Predictive Maintenance · UnitCycle',
        loadComponent: () =>
          import('./suggestions-queue.component').then((m) => m.SuggestionsQueueComponent),
      },
      {
        path: 'risk-heatmap',
        title: 'Risk heatmap · UnitCycle',
        loadComponent: () => import('./risk-heatmap.component').then((m) => m.RiskHeatmapComponent),
      },
      {
        path: 'risk-scores',
        title: 'Risk scores · UnitCycle',
        loadComponent: () => import('./risk-list.component').then((m) => m.RiskListComponent),
      },
      {
        path: 'equipment',
        title: 'Equipment · UnitCycle',
        loadComponent: () =>
          import('../equipment/equipment-list.component').then((m) => m.EquipmentListComponent),
      },
    ],
  },
] satisfies Routes;
