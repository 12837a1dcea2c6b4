import { Routes } from '@angular/router';

export default [
  {
    path: 'broadcasts',
    title: 'Broadcasts · UnitCycle',
    loadComponent: () => import('./broadcasts.component').then((m) => m.BroadcastsComponent),
  },
  {
    path: 'sentiment',
    title: 'At-risk tenants · UnitCycle',
    loadComponent: () => import('./at-risk.component').then((m) => m.AtRiskComponent),
  },
  {
    path: '',
    title: 'Tenant inbox · UnitCycle',
    loadComponent: () => import('./inbox.component').then((m) => m.InboxComponent),
  },
  {
    path: ':conversationId',
    title: 'Conversation · UnitCycle',
    loadComponent: () => import('./inbox.component').then((m) => m.InboxComponent),
  },
] satisfies Routes;
