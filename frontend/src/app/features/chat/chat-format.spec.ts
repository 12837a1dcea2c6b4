import { parseSseFrames } from '../../core/services/chat.service';
import { digestMetrics, formatCell } from './chat-format';

describe('chat formatting', () => {
  it('formats money, percent, numbers and empty cells', () => {
    expect(formatCell('1234.5', { key: 'rent', label: 'Rent', type: 'money' })).toBe('$1,234.50');
    expect(formatCell(96.1, { key: 'r', label: 'Rate', type: 'percent' })).toBe('96.1%');
    expect(formatCell(12000, { key: 'n', label: 'N', type: 'number' })).toBe('12,000');
    expect(formatCell(null, { key: 't', label: 'T', type: 'text' })).toBe('—');
  });

  it('parses SSE frames and keeps an incomplete frame for the next chunk', () => {
    const chunk =
      'event: text\ndata: {"type":"text","text":"Hello"}\n\n' +
      'event: block\ndata: {"type":"block","block":{"type":"action","kind":"link","label":"Open"}}\n\nevent: do';
    const { events, rest } = parseSseFrames(chunk);
    expect(events.map((e) => e.type)).toEqual(['text', 'block']);
    expect(rest).toBe('event: do');
  });
});

describe('digest metrics', () => {
  it('labels and formats the figures in a fixed order', () => {
    const rows = digestMetrics({
      occupancy_rate: 93.5,
      tenants_late_5_days: 3,
      late_balance: '4200.00',
      collection_rate: null,
      something_new: 7,
    });
    expect(rows.map((r) => [r.label, r.value])).toEqual([
      ['Tenants 5+ days late', '3'],
      ['Owed by them', '$4,200.00'],
      ['Occupancy', '93.5%'],
      ['Collection rate this month', '—'],
      ['something new', '7'],
    ]);
  });
});
