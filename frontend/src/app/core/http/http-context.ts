import { HttpContextToken } from '@angular/common/http';

/** Set on a request whose caller shows its own error message (no global toast). */
export const SILENT_ERRORS = new HttpContextToken<boolean>(() => false);
