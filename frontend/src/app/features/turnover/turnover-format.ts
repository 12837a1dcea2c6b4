import { TurnoverCase, TurnoverStage, TURNOVER_STAGES } from '../../core/models';
import { formatDate } from '../../core/utils/dates';
import { formatMoney } from '../../shared/pipes/money.pipe';

/** The card's key lines per stage (spec 2.1 wireframe: date, deposit / WO / checklist / rent / days). */
export function cardLines(c: TurnoverCase): string[] {
  switch (c.stage) {
    case 'notice':
      return [
        `Moves out ${formatDate(c.expected_move_out)}`,
        `${formatMoney(c.security_deposit, 0)} dep`,
      ];
    case 'inspect':
      return [
        `Inspect ${formatDate(c.inspection_scheduled_date ?? c.inspection_date ?? c.expected_move_out)}`,
        c.inspection_work_order_number ?? 'No work order',
      ];
    case 'make_ready':
      return [
        `${c.checklist_done}/${c.checklist_total} done`,
        `${formatMoney(c.make_ready_estimated_cost, 0)} est`,
      ];
    case 'listed':
      return [`${formatMoney(c.market_rent, 0)}/mo`, `${c.days_vacant} days vacant`];
    case 'leased':
      return [`Signed ${formatDate(c.leased_date)}`, `${c.days_in_pipeline} days total`];
  }
}

export function nextStage(stage: TurnoverStage): TurnoverStage | null {
  const i = TURNOVER_STAGES.indexOf(stage);
  return i >= 0 && i + 1 < TURNOVER_STAGES.length ? TURNOVER_STAGES[i + 1] : null;
}

/** 'forward' (the next stage), 'back' (an earlier one: needs a reason), or null (not a move). */
export function moveKind(
  from: TurnoverStage,
  to: TurnoverStage,
): 'forward' | 'back' | 'skip' | null {
  const a = TURNOVER_STAGES.indexOf(from);
  const b = TURNOVER_STAGES.indexOf(to);
  if (a === b) return null;
  if (b < a) return 'back';
  return b === a + 1 ? 'forward' : 'skip';
}

export const STAGE_LABELS: Record<TurnoverStage, string> = {
  notice: 'Notice',
  inspect: 'Inspect',
  make_ready: 'Make Ready',
  listed: 'Listed',
  leased: 'Leased',
};

export { downloadBlob } from '../../shared/utils/download';
