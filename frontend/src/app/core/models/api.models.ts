/** Shapes of the UnitCycle API (Django REST). Decimal amounts arrive as strings ("1234.50"). */

export type Money = string;
/** A calendar date as the API sends it: "YYYY-MM-DD". */
export type IsoDate = string;
/** A timestamp as the API sends it: ISO 8601 with time zone. */
export type IsoDateTime = string;

export interface Paginated<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** Every API error body: `{"detail": "..."}`, plus per-field `errors` on validation failures. */
export interface ApiErrorBody {
  detail?: string;
  errors?: Record<string, string[] | string>;
}
