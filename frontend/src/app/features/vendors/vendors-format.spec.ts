import { VendorCompliance } from '../../core/models';
import {
  EMPTY_VENDOR_FORM,
  complianceBadges,
  documentBadge,
  inDays,
  validateVendor,
  vendorBody,
  vendorForm,
} from './vendors-format';

const compliance = (over: Partial<VendorCompliance>): VendorCompliance => ({
  state: 'active',
  insurance: 'active',
  license: 'active',
  insurance_days_left: 200,
  license_days_left: 300,
  days_to_expiry: 200,
  ...over,
});

describe('vendor compliance badges', () => {
  it('says when a document expires, in words', () => {
    expect(inDays(12)).toBe('in 12 days');
    expect(inDays(1)).toBe('tomorrow');
    expect(inDays(0)).toBe('today');
    expect(documentBadge('insurance', 'expiring', 12)?.text).toBe('Insurance expires in 12 days');
    expect(documentBadge('license', 'expired', -3)?.text).toBe('License expired');
    expect(documentBadge('insurance', 'missing', null)?.text).toBe('No insurance on file');
    expect(documentBadge('insurance', 'active', 90)).toBeNull();
  });

  it('shows "Compliant" when both are active, else the documents needing attention, expired first', () => {
    expect(complianceBadges(compliance({})).map((b) => [b.text, b.tone])).toEqual([
      ['Compliant', 'green'],
    ]);
    const c = compliance({
      state: 'expired',
      insurance: 'expiring',
      insurance_days_left: 12,
      license: 'expired',
      license_days_left: -2,
    });
    expect(complianceBadges(c).map((b) => [b.text, b.tone])).toEqual([
      ['License expired', 'red'],
      ['Insurance expires in 12 days', 'amber'],
    ]);
  });
});

describe('vendor form', () => {
  const form = { ...EMPTY_VENDOR_FORM, name: 'ProFlow Plumbing', trade: 'plumbing' as const };

  it('accepts a plain vendor and builds the API body', () => {
    expect(validateVendor(form)).toEqual({});
    expect(
      vendorBody({
        ...form,
        hourly_rate: '$95.5',
        insurance_expiry: '2027-01-31',
        email: ' a@b.co ',
      }),
    ).toEqual(
      expect.objectContaining({
        name: 'ProFlow Plumbing',
        trade: 'plumbing',
        hourly_rate: '95.50',
        insurance_expiry: '2027-01-31',
        license_expiry: null,
        email: 'a@b.co',
      }),
    );
  });

  it('refuses what the API would', () => {
    expect(validateVendor({ ...form, name: 'x' }).name).toMatch(/at least 2/);
    expect(validateVendor({ ...form, email: 'nope' }).email).toBeTruthy();
    expect(validateVendor({ ...form, phone: '555' }).phone).toMatch(/7 to 15 digits/);
    expect(validateVendor({ ...form, phone: '(206) 555-0100' }).phone).toBeUndefined();
    expect(validateVendor({ ...form, hourly_rate: '1000.01' }).hourly_rate).toMatch(/1,000/);
    expect(validateVendor({ ...form, hourly_rate: '12.345' }).hourly_rate).toMatch(/two decimals/);
    expect(validateVendor({ ...form, hourly_rate: '0' }).hourly_rate).toBeUndefined();
    expect(validateVendor({ ...form, trade: '' }).trade).toBeTruthy();
  });

  it('fills the form from a vendor, blanks for nulls', () => {
    const f = vendorForm({ name: 'Acme', hourly_rate: '80.00', license_expiry: null });
    expect(f.name).toBe('Acme');
    expect(f.hourly_rate).toBe('80.00');
    expect(f.license_expiry).toBe('');
  });
});
