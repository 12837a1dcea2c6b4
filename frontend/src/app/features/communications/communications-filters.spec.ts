import { recipientFilter } from './broadcasts.component';
import { INBOX_VIEWS, inboxFilters } from './inbox.component';

describe('inbox filters', () => {
  it('maps a quick view and a search to API filters', () => {
    expect(inboxFilters('emergency', '')).toEqual({
      category: 'emergency',
      search: undefined,
      page_size: 30,
    });
    expect(inboxFilters('unmatched', 'B-205')).toEqual({
      unmatched: 'true',
      search: 'B-205',
      page_size: 30,
    });
    expect(inboxFilters('nonsense', '').category).toBeUndefined();
    expect(INBOX_VIEWS.map((v) => v.key)).toContain('waiting');
  });

  it('builds a broadcast recipient filter from the form', () => {
    expect(
      recipientFilter({ propertyId: '', building: ' ', lifecycle: '', delinquent: '' }),
    ).toEqual({});
    expect(
      recipientFilter({ propertyId: 'p1', building: 'A', lifecycle: 'notice', delinquent: 'yes' }),
    ).toEqual({ property_id: 'p1', building: 'A', lifecycle: ['notice'], delinquent: true });
  });
});
