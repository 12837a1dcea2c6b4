import { InvoiceExtraction } from '../../core/models';
import { approvalBody, draftFrom, draftTotal, isLow, pct, stillReading } from './invoice-ai-format';

function extraction(over: Partial<InvoiceExtraction> = {}): InvoiceExtraction {
  return {
    status: 'extracted',
    matched_vendor: 'v1',
    extracted_invoice_number: 'PF-1',
    extracted_date: '2026-03-15',
    extracted_due_date: null,
    extracted_tax: '10.00',
    suggested_gl_code: '6210',
    matched_work_order: 'wo1',
    extracted_line_items: [
      { description: 'Labor', quantity: '2', unit_price: '95.00', total: '190.00' },
    ],
    field_confidence: { invoice_number: 0.9, total: 0.5 },
    ...over,
  } as InvoiceExtraction;
}

describe('invoice AI review helpers', () => {
  it('drafts the form from the extraction and sends every field back', () => {
    const draft = draftFrom(extraction());
    expect(draft.lines).toEqual([{ description: 'Labor', quantity: '2', unit_price: '95.00' }]);
    draft.invoice_number = ' PF-1A ';
    const body = approvalBody(draft);
    expect(body.invoice_number).toBe('PF-1A');
    expect(body.vendor).toBe('v1');
    expect(body.work_order).toBe('wo1');
    expect(body.due_date).toBeNull();
    expect(body.line_items).toEqual([
      { description: 'Labor', quantity: '2', unit_price: '95.00', gl_code: '6210' },
    ]);
  });

  it('unlinks the work order and drops empty lines', () => {
    const draft = draftFrom(extraction());
    draft.work_order = '';
    draft.lines.push({ description: '', quantity: '', unit_price: '' });
    const body = approvalBody(draft);
    expect(body.work_order).toBeNull();
    expect(body.line_items?.length).toBe(1);
  });

  it('highlights low and missing fields only once extracted', () => {
    const x = extraction();
    expect(isLow(x, 'invoice_number')).toBe(false);
    expect(isLow(x, 'total')).toBe(true);
    expect(isLow(x, 'due_date')).toBe(true);
    expect(isLow(extraction({ status: 'failed' }), 'total')).toBe(false);
  });

  it('totals the draft and formats percentages', () => {
    expect(draftTotal(draftFrom(extraction()))).toBe(200);
    expect(pct(0.874)).toBe('87%');
    expect(pct(null)).toBe('—');
  });

  it('polls while queued or reading', () => {
    expect(stillReading(extraction({ status: 'queued' }))).toBe(true);
    expect(stillReading(extraction({ status: 'extracting' }))).toBe(true);
    expect(stillReading(extraction())).toBe(false);
    expect(stillReading(null)).toBe(false);
  });
});
