export * from './api.models';
export * from './lease.models';
export * from './property.models';
export * from './unit.models';
export * from './tenant.models';
export * from './dashboard.models';
export * from './collections.models';
export * from './renewal.models';
