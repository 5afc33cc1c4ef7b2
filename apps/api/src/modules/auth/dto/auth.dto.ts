import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { normaliseEmail } from '../../../common/validators.js';
import { UserDto } from '../../users/dto/user.dto.js';
import { SessionWorkspaceDto } from '../../workspaces/dto/workspace.dto.js';
import { PASSWORD_MAX_LENGTH } from '../password.service.js';

export class LoginDto {
  @ApiProperty({ example: 'demo@regards.local' })
  @Transform(({ value }) => normaliseEmail(value))
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class SessionDto {
  @ApiProperty({ type: UserDto }) user!: UserDto;
  @ApiProperty({ type: [SessionWorkspaceDto] }) workspaces!: SessionWorkspaceDto[];
}

export class CsrfDto {
  @ApiProperty() csrfToken!: string;
}
