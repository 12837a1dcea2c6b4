import { InspectionPhoto } from '../../core/models';
import {
  classificationLabel,
  groupByRoom,
  progressPercent,
  providerText,
} from './inspection-format';

function photo(over: Partial<InspectionPhoto>): InspectionPhoto {
  return {
    id: 'p',
    room: 'kitchen',
    room_label: 'Kitchen',
    ai_analyzed: true,
    ai_provider: 'offline',
    ai_confidence: null,
    ...over,
  } as InspectionPhoto;
}

describe('inspection format', () => {
  it('groups photos by room in the order they come', () => {
    const groups = groupByRoom([
      photo({ id: '1', room: 'bedroom_1', room_label: 'Bedroom 1' }),
      photo({ id: '2', room: 'kitchen' }),
      photo({ id: '3', room: 'bedroom_1', room_label: 'Bedroom 1' }),
    ]);
    expect(groups.map((g) => [g.label, g.photos.map((p) => p.id)])).toEqual([
      ['Bedroom 1', ['1', '3']],
      ['Kitchen', ['2']],
    ]);
  });

  it('says who classified the photo', () => {
    expect(providerText(photo({}))).toBe('Offline measure');
    expect(providerText(photo({ ai_provider: 'anthropic', ai_confidence: 0.914 }))).toBe(
      'Claude · 91% conf.',
    );
    expect(providerText(photo({ ai_analyzed: false }))).toBe('Not analysed');
  });

  it('labels and progress', () => {
    expect(classificationLabel('needs_review')).toBe('Needs review');
    expect(progressPercent(1, 3)).toBe(33);
    expect(progressPercent(0, 0)).toBe(0);
  });
});
