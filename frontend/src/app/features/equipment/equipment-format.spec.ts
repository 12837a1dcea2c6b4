import { EquipmentRecord } from '../../core/models';
import {
  EMPTY_EQUIPMENT_FORM,
  buildingsOf,
  equipmentBody,
  equipmentForm,
  equipmentLocation,
  lifespanBar,
  validateEquipment,
  warrantyText,
} from './equipment-format';

const TODAY = new Date(2026, 2, 28);

describe('equipment warranty and lifespan', () => {
  it('words the warranty state', () => {
    expect(warrantyText('expiring', 20)).toBe('Warranty ends in 20 days');
    expect(warrantyText('expiring', 1)).toBe('Warranty ends tomorrow');
    expect(warrantyText('expiring', 0)).toBe('Warranty ends today');
    expect(warrantyText('active', 400)).toBe('Under warranty');
    expect(warrantyText('expired', -3)).toBe('Warranty expired');
    expect(warrantyText('none', null)).toBe('No warranty');
  });

  it('draws age against lifespan, capped at full width, coloured late and over', () => {
    expect(lifespanBar(6, 12)).toEqual({ width: 50, tone: 'ok', text: '6.0 of 12 yrs', pct: 50 });
    expect(lifespanBar(9.6, 12).tone).toBe('late');
    expect(lifespanBar(18.4, 12)).toEqual({
      width: 100,
      tone: 'over',
      text: '18 of 12 yrs',
      pct: 153,
    });
    expect(lifespanBar(3, 0).width).toBe(0);
  });

  it('says where a record stands', () => {
    expect(equipmentLocation({ unit_number: 'A-101', building: 'A' })).toBe('Unit A-101');
    expect(equipmentLocation({ unit_number: null, building: 'B' })).toBe('Building B');
    expect(equipmentLocation({ unit_number: null, building: '' })).toBe('Property-wide');
  });

  it('lists a property’s buildings once, in order', () => {
    expect(
      buildingsOf([{ building: 'B' }, { building: 'A' }, { building: '10' }, { building: 'A' }]),
    ).toEqual(['A', 'B', '10']);
  });
});

describe('equipment form', () => {
  const form = {
    ...EMPTY_EQUIPMENT_FORM,
    property: 'p1',
    equipment_type: 'boiler' as const,
    name: 'Building B boiler',
    install_date: '2015-05-01',
    building: 'B',
  };

  it('accepts a building-level record and builds the body', () => {
    expect(validateEquipment(form, TODAY)).toEqual({});
    expect(equipmentBody({ ...form, replacement_cost: '$18,500' })).toEqual(
      expect.objectContaining({
        unit: null,
        building: 'B',
        expected_lifespan_years: 12,
        replacement_cost: '18500.00',
        warranty_expiration: null,
      }),
    );
    // a unit's record takes the unit's building (the API sets it)
    expect(equipmentBody({ ...form, unit: 'u1' }).building).toBe('');
  });

  it('checks the dates against each other and today', () => {
    expect(validateEquipment({ ...form, install_date: '2026-03-29' }, TODAY).install_date).toMatch(
      /future/,
    );
    expect(validateEquipment({ ...form, install_date: '1946-03-27' }, TODAY).install_date).toMatch(
      /80 years/,
    );
    expect(validateEquipment({ ...form, install_date: '1946-03-28' }, TODAY)).toEqual({});
    expect(
      validateEquipment({ ...form, warranty_expiration: '2015-05-01' }, TODAY).warranty_expiration,
    ).toMatch(/after the install date/);
    expect(
      validateEquipment({ ...form, last_service_date: '2015-04-30' }, TODAY).last_service_date,
    ).toMatch(/before the install date/);
    expect(
      validateEquipment({ ...form, last_service_date: '2026-03-29' }, TODAY).last_service_date,
    ).toMatch(/future/);
  });

  it('needs a lifespan of 1 to 100 whole years and the required fields', () => {
    expect(
      validateEquipment({ ...form, expected_lifespan_years: '0' }, TODAY).expected_lifespan_years,
    ).toBeTruthy();
    expect(
      validateEquipment({ ...form, expected_lifespan_years: '101' }, TODAY).expected_lifespan_years,
    ).toBeTruthy();
    expect(
      validateEquipment({ ...form, expected_lifespan_years: '7.5' }, TODAY).expected_lifespan_years,
    ).toBeTruthy();
    const empty = validateEquipment(EMPTY_EQUIPMENT_FORM, TODAY);
    expect(Object.keys(empty).sort()).toEqual([
      'equipment_type',
      'install_date',
      'name',
      'property',
    ]);
  });

  it('fills the form from a record', () => {
    const f = equipmentForm({
      property: 'p1',
      unit: null,
      building: 'B',
      equipment_type: 'roof',
      name: 'Roof',
      manufacturer: 'GAF',
      model_number: '',
      serial_number: '',
      install_date: '2010-01-01',
      expected_lifespan_years: 25,
      warranty_provider: '',
      warranty_expiration: null,
      last_service_date: null,
      condition: 'fair',
      replacement_cost: '42000.00',
    } as unknown as EquipmentRecord);
    expect([f.unit, f.building, f.expected_lifespan_years, f.warranty_expiration]).toEqual([
      '',
      'B',
      '25',
      '',
    ]);
  });
});
