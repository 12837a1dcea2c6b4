import {
  CLASSIFICATION_LABELS,
  INSPECTION_STATUS_LABELS,
  InspectionPhoto,
  InspectionStatus,
  PhotoClassification,
} from '../../core/models';
import { BadgeTone } from '../../shared/components/status-badge.component';

export const CLASSIFICATION_TONES: Record<PhotoClassification, BadgeTone> = {
  pending: 'grey',
  clean: 'green',
  normal_wear: 'blue',
  damage: 'red',
  needs_review: 'amber',
};

export const STATUS_TONES: Record<InspectionStatus, BadgeTone> = {
  in_progress: 'grey',
  ai_processing: 'indigo',
  review: 'amber',
  finalized: 'green',
};

export const classificationLabel = (c: string): string =>
  CLASSIFICATION_LABELS[c as PhotoClassification] ?? c;
export const statusLabel = (s: string): string =>
  INSPECTION_STATUS_LABELS[s as InspectionStatus] ?? s;

export interface RoomGroup {
  room: string;
  label: string;
  photos: InspectionPhoto[];
}

/** Photos grouped by room, rooms in the order their first photo comes (the API sorts by room, then order). */
export function groupByRoom(photos: readonly InspectionPhoto[]): RoomGroup[] {
  const groups: RoomGroup[] = [];
  const byRoom = new Map<string, RoomGroup>();
  for (const p of photos) {
    let g = byRoom.get(p.room);
    if (!g) {
      g = { room: p.room, label: p.room_label, photos: [] };
      byRoom.set(p.room, g);
      groups.push(g);
    }
    g.photos.push(p);
  }
  return groups;
}

/** "offline" or "Claude (91% conf.)": who classified the photo, shown on every photo. */
export function providerText(p: InspectionPhoto): string {
  if (!p.ai_analyzed) return 'Not analysed';
  if (p.ai_provider === 'offline') return 'Offline measure';
  const who = p.ai_provider === 'anthropic' ? 'Claude' : p.ai_provider;
  return p.ai_confidence === null ? who : `${who} · ${Math.round(p.ai_confidence * 100)}% conf.`;
}

/** 0–100, for the analysis progress bar. */
export function progressPercent(done: number, total: number): number {
  if (!total) return 0;
  return Math.min(100, Math.round((done / total) * 100));
}

export { downloadBlob } from '../../shared/utils/download';
