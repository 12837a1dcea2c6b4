import { InjectionToken, Provider, Type } from '@angular/core';

/**
 * A panel a feature adds beside the invoice detail without editing the page — 3.2's AI extraction review
 * ("extracted fields, work-order match, price check") is the first. The component gets two inputs, which it
 * must declare: `invoice` (InvoiceDetail) and `reload` (() => void: fetch the invoice again after the panel
 * changed it); it loads its own data. `order` places it among the panels, lower first. With no panel the
 * detail uses the whole width.
 */
export interface InvoiceSidePanel {
  order: number;
  component: Type<unknown>;
}

export const INVOICE_SIDE_PANELS = new InjectionToken<readonly InvoiceSidePanel[]>(
  'INVOICE_SIDE_PANELS',
);

/** `providers: [provideInvoiceSidePanel({ order: 10, component: AiExtractionPanelComponent })]` in the
 * invoices routes (invoices.routes.ts) or the app config. */
export function provideInvoiceSidePanel(panel: InvoiceSidePanel): Provider {
  return { provide: INVOICE_SIDE_PANELS, useValue: panel, multi: true };
}

/** The panels in display order. */
export function sortedPanels(panels: readonly InvoiceSidePanel[] | null): InvoiceSidePanel[] {
  return [...(panels ?? [])].sort((a, b) => a.order - b.order);
}
