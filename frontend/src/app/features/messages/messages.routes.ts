import { Routes } from '@angular/router';

export default [
  {
    path: '',
    title: 'Messages · UnitCycle',
    loadComponent: () => import('./messages.component').then((m) => m.MessagesComponent),
  },
] satisfies Routes;
