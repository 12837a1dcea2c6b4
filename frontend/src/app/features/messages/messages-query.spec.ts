import { readMessagesQuery } from './messages.component';
import { readBulkHistoryQuery } from '../portfolio/bulk-history/bulk-history.component';

describe('list screens read their state from the URL', () => {
  it('Messages: defaults, known values only', () => {
    expect(readMessagesQuery({})).toEqual({
      tab: 'sent',
      channel: '',
      status: '',
      q: '',
      tenant: '',
      page: 1,
    });
    expect(
      readMessagesQuery({ tab: 'received', channel: 'sms', q: 'leak', page: '3', tenant: 't1' }),
    ).toEqual({
      tab: 'received',
      channel: 'sms',
      status: '',
      q: 'leak',
      tenant: 't1',
      page: 3,
    });
    expect(readMessagesQuery({ tab: 'bogus', channel: 'fax', page: '-2' })).toMatchObject({
      tab: 'sent',
      channel: '',
      page: 1,
    });
  });

  it('Bulk-action history: unknown actions and statuses are ignored', () => {
    expect(
      readBulkHistoryQuery({ action_type: 'renewal_offer', status: 'partial', page: '2' }),
    ).toEqual({
      action_type: 'renewal_offer',
      status: 'partial',
      page: 2,
    });
    expect(readBulkHistoryQuery({ action_type: 'nuke', status: 'exploded' })).toEqual({
      action_type: '',
      status: '',
      page: 1,
    });
  });
});
