/** Move-out inspections (spec 3.1, `/api/v1/inspections/`). Money is a string ("137.50"). */

export type InspectionStatus = 'in_progress' | 'ai_processing' | 'review' | 'finalized';
export type PhotoClassification = 'pending' | 'clean' | 'normal_wear' | 'damage' | 'needs_review';
export type DamageCategory =
  | 'wall_damage'
  | 'floor_damage'
  | 'fixture_damage'
  | 'appliance_damage'
  | 'cleaning_needed'
  | 'other';
export type DamageSeverity = 'minor' | 'moderate' | 'severe';

export interface Inspection {
  id: string;
  status: InspectionStatus;
  unit: string;
  unit_number: string;
  property: string;
  property_name: string;
  lease: string;
  lease_number: string;
  tenant_name: string;
  turnover_case: string | null;
  inspector_name: string;
  inspection_date: string;
  total_damage_cost: string;
  total_wear_items: number;
  total_damage_items: number;
  photo_count: number;
  analysed_count: number;
  ai_photos_total: number;
  ai_photos_done: number;
  finalized_at: string | null;
  created_at: string;
}

export interface DamageItem {
  id: string;
  item: string;
  category: DamageCategory;
  severity: DamageSeverity;
  location: string;
  estimated_cost: string;
  default_cost: string | null;
  life_item: string;
  item_age_years: string | null;
  ai_detected: boolean;
  edited_by: string;
  created_at: string;
}

export interface PhotoQuality {
  width?: number;
  height?: number;
  brightness?: number;
  blur_variance?: number;
  issues?: string[];
  retake?: boolean;
}

export interface InspectionPhoto {
  id: string;
  room: string;
  room_label: string;
  photo_order: number;
  photo_url: string;
  thumbnail_url: string;
  overlay_url: string | null;
  original_name: string;
  captured_at: string | null;
  ai_analyzed: boolean;
  ai_classification: PhotoClassification;
  ai_confidence: number | null;
  ai_description: string;
  ai_provider: string;
  ai_model: string;
  ai_analyzed_at: string | null;
  ai_error: string;
  retake: boolean;
  quality: PhotoQuality;
  change_score: number | null;
  similarity: number | null;
  compared_inspection_date: string | null;
  human_classification: string;
  human_override: boolean;
  reviewed_by: string;
  reviewed_at: string | null;
  classification: PhotoClassification;
  damage_items: DamageItem[];
  created_at: string;
}

export interface InspectionDetail extends Inspection {
  finalized_by: string;
  ai_processing_started_at: string | null;
  ai_processing_completed_at: string | null;
  deduction_letter: string;
  deduction_letter_subject: string;
  deduction_letter_provider: string;
  deduction_letter_generated_at: string | null;
  security_deposit: string | null;
  counts: Record<PhotoClassification, number>;
  photos: InspectionPhoto[];
}

export interface InspectionCandidate {
  turnover_case: string;
  lease: string;
  lease_number: string;
  unit: string;
  unit_number: string;
  property_name: string;
  tenant_name: string;
  stage: string;
  expected_move_out: string;
  actual_move_out: string | null;
  has_earlier_photos: boolean;
}

export interface InspectionReference {
  rooms: { value: string; label: string }[];
  categories: { value: DamageCategory; label: string }[];
  severities: DamageSeverity[];
  cost_table: Record<string, Record<string, { low: string; high: string; default: string }>>;
  life_items: { value: string; label: string; years: string }[];
}

export interface DamageItemInput {
  item?: string;
  category?: DamageCategory;
  severity?: DamageSeverity;
  location?: string;
  estimated_cost?: string | null;
  life_item?: string;
  item_age_years?: string | null;
}

export interface InspectionFilters {
  status?: string | null;
  property?: string | null;
  search?: string | null;
  ordering?: string | null;
  page?: number | null;
  page_size?: number | null;
}

export interface InspectionLetterPreview {
  html: string;
  subject: string;
  text: string;
  provider: string;
}

export const INSPECTION_STATUS_LABELS: Record<InspectionStatus, string> = {
  in_progress: 'In progress',
  ai_processing: 'AI processing',
  review: 'Review',
  finalized: 'Finalized',
};

export const CLASSIFICATION_LABELS: Record<PhotoClassification, string> = {
  pending: 'Pending',
  clean: 'Clean',
  normal_wear: 'Normal wear',
  damage: 'Damage',
  needs_review: 'Needs review',
};
