import { actorLabel, channelLabel, deliveryInWords, humanize, scheduledInWords } from './wording';

describe('wording', () => {
  it('names actors without their prefixes', () => {
    expect(actorLabel('user:demo@unitcycle.local')).toBe('demo@unitcycle.local');
    expect(actorLabel('system:renewal_scan')).toBe('Renewal agent');
    expect(actorLabel('system:some_new_job')).toBe('Some new job (automatic)');
    expect(actorLabel('system')).toBe('UnitCycle (automatic)');
    expect(actorLabel(null)).toBe('');
  });

  it('turns codes into words', () => {
    expect(humanize('BELOW_MARKET_RETAIN')).toBe('Below market retain');
    expect(humanize('month_to_month')).toBe('Month to month');
    expect(channelLabel('sms')).toBe('SMS');
    expect(channelLabel('email')).toBe('Email');
  });

  it('says where a message went', () => {
    expect(deliveryInWords('stored', 'sms').detail).toBe(
      'Queued — no SMS provider configured; visible in Messages',
    );
    expect(deliveryInWords('outbox', 'email').detail).toContain('no email provider configured');
    expect(deliveryInWords('failed', 'sms').ok).toBe(false);
    expect(deliveryInWords('blocked', 'sms')).toEqual(
      expect.objectContaining({ label: 'Not sent (STOP)', ok: false }),
    );
    expect(deliveryInWords('stored', 'sms', { onMessagesScreen: true }).detail).toBe(
      'Queued — no SMS provider configured',
    );
    expect(deliveryInWords('scheduled', 'sms')).toEqual(
      expect.objectContaining({ label: 'Scheduled', ok: true }),
    );
    expect(deliveryInWords('delivered', 'email').label).toBe('Delivered');
    expect(deliveryInWords('sent', 'sms').detail).toBe(
      'Sent — handed to the SMS provider, not yet confirmed delivered',
    );
  });
});

describe('scheduledInWords', () => {
  it('says when a text held for quiet hours goes out, and under which law', () => {
    const words = scheduledInWords('2026-11-30T13:00:00Z', 'quiet hours, 47 CFR §64.1200(c)(1)');
    expect(words).toMatch(
      /^Scheduled Nov 30, \d{1,2}:00 (AM|PM) \S+ \(quiet hours, 47 CFR §64\.1200\(c\)\(1\)\)$/,
    );
    expect(scheduledInWords(null, '')).toBe('Scheduled');
    expect(scheduledInWords('not a date', 'quiet hours')).toBe('Scheduled (quiet hours)');
  });
});
