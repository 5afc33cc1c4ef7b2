import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Text } from '../../../common/validators.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../auth/password.service.js';

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['fr', 'en'] }) locale!: 'fr' | 'en';
  @ApiProperty() isPlatformAdmin!: boolean;
}

export class UpdateAccountDto {
  @Text(120, { optional: true, description: 'Name shown to the other members' })
  displayName?: string;

  @ApiProperty({ enum: ['fr', 'en'], required: false })
  @IsOptional()
  @IsIn(['fr', 'en'], { message: 'locale must be fr or en' })
  locale?: 'fr' | 'en';
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `newPassword must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `newPassword must be at most ${PASSWORD_MAX_LENGTH} characters` })
  newPassword!: string;
}
