import { Routes } from '@angular/router';

export default [
  {
    path: '',
    title: 'Portfolio chat · UnitCycle',
    loadComponent: () => import('./chat.component').then((m) => m.ChatComponent),
  },
  {
    path: 'digest',
    title: 'Daily digest · UnitCycle',
    loadComponent: () => import('./digest.component').then((m) => m.DigestComponent),
  },
  {
    path: ':conversationId',
    title: 'Portfolio chat · UnitCycle',
    loadComponent: () => import('./chat.component').then((m) => m.ChatComponent),
  },
] satisfies Routes;
