import { excerpt, featureLabel, inboundStatusLabel } from './messages-format';

describe('messages formatting', () => {
  it('names the feature that sent a message', () => {
    expect(featureLabel('renewals')).toBe('Renewal offer');
    expect(featureLabel('late_fee_notice')).toBe('Late fee notice');
    expect(featureLabel('')).toBe('Manual');
  });

  it('says what happened to an inbound message', () => {
    expect(inboundStatusLabel('unhandled')).toContain('nothing in UnitCycle acts on it');
  });

  it('shortens a body to one line', () => {
    expect(excerpt('Hello\n\nthere')).toBe('Hello there');
    expect(excerpt('x'.repeat(200), 10)).toBe('xxxxxxxxx…');
  });
});
