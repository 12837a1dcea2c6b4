import { TurnoverCase } from '../../core/models';
import { cardLines, moveKind, nextStage } from './turnover-format';

const base = {
  stage: 'notice',
  expected_move_out: '2026-04-15',
  security_deposit: '1800.00',
  inspection_scheduled_date: '2026-04-13',
  inspection_date: null,
  inspection_work_order_number: 'WO-0003847',
  checklist_done: 3,
  checklist_total: 8,
  make_ready_estimated_cost: '2400.00',
  market_rent: '2100.00',
  days_vacant: 14,
  leased_date: '2026-05-01',
  days_in_pipeline: 21,
} as unknown as TurnoverCase;

describe('turnover format', () => {
  it('shows the wireframe lines per stage', () => {
    expect(cardLines(base)).toEqual(['Moves out Apr 15, 2026', '$1,800 dep']);
    expect(cardLines({ ...base, stage: 'inspect' })).toEqual([
      'Inspect Apr 13, 2026',
      'WO-0003847',
    ]);
    expect(cardLines({ ...base, stage: 'make_ready' })).toEqual(['3/8 done', '$2,400 est']);
    expect(cardLines({ ...base, stage: 'listed' })).toEqual(['$2,100/mo', '14 days vacant']);
    expect(cardLines({ ...base, stage: 'leased' })).toEqual([
      'Signed May 1, 2026',
      '21 days total',
    ]);
  });

  it('knows forward, back and skipping moves', () => {
    expect(nextStage('notice')).toBe('inspect');
    expect(nextStage('leased')).toBeNull();
    expect(moveKind('notice', 'inspect')).toBe('forward');
    expect(moveKind('listed', 'inspect')).toBe('back');
    expect(moveKind('notice', 'listed')).toBe('skip');
    expect(moveKind('notice', 'notice')).toBeNull();
  });
});
