import { Pipe, PipeTransform } from '@angular/core';
import { formatDate } from '../../core/utils/dates';

/** "Mar 15, 2026" from an API date ("2026-03-15"), read as a local calendar day. */
@Pipe({ name: 'appDate' })
export class AppDatePipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    return formatDate(value);
  }
}
