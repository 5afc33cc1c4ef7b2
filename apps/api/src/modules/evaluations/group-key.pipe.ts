import { Injectable, type PipeTransform } from '@nestjs/common';
import { STAKEHOLDER_GROUP_KEYS, isStakeholderGroupKey, type StakeholderGroupKey } from '#domain';
import { AppException } from '../../common/app.exception.js';

/** A `:groupKey` path parameter: one of the stakeholder groups, or 400 with the list. */
@Injectable()
export class GroupKeyPipe implements PipeTransform<string, StakeholderGroupKey> {
  transform(value: string): StakeholderGroupKey {
    if (isStakeholderGroupKey(value)) return value;
    const list = STAKEHOLDER_GROUP_KEYS.join(', ');
    throw new AppException('validation-failed', `Path parameter groupKey must be one of ${list} (got ${JSON.stringify(value.slice(0, 60))}).`, [
      { path: 'params.groupKey', code: 'isIn', message: `groupKey must be one of ${list}` },
    ]);
  }
}
