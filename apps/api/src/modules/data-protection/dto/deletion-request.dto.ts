import { Text } from '../../../common/validators.js';

export class DeletionRequestInputDto {
  @Text(1000, { description: 'why the organization asks for its data to be deleted, for the network’s admins', example: 'La structure a cessé son activité.' })
  reason!: string;
}
