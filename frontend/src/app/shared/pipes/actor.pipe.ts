import { Pipe, PipeTransform } from '@angular/core';

import { actorLabel } from '../utils/wording';

/** Who did it, in words: `{{ log.changed_by | actor }}` ("user:pat@…" → "pat@…", "system:…" → "Renewal agent"). */
@Pipe({ name: 'actor' })
export class ActorPipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    return actorLabel(value);
  }
}
