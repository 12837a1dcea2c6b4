import { HttpParams } from '@angular/common/http';

type ParamValue = string | number | boolean | null | undefined;

/** Query params from an object, leaving out null, undefined and empty strings. */
export function toHttpParams(values: object | null | undefined): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(values ?? {}) as [string, ParamValue][]) {
    if (value === null || value === undefined || value === '') continue;
    params = params.set(key, String(value));
  }
  return params;
}
