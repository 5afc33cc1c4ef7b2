import { Body, Controller, Delete, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClsService } from 'nestjs-cls';
import { UserScope } from '../tenancy/access.decorator.js';
import type { RequestScope } from '../tenancy/request-scope.js';
import { EndedSessionsDto } from '../workspaces/dto/workspace.dto.js';
import { ChangePasswordDto, UpdateAccountDto, UserDto } from './dto/user.dto.js';
import { toUserDto, UsersService } from './users.service.js';

@ApiTags('account')
@UserScope()
@Controller('account')
export class AccountController {
  constructor(
    private readonly users: UsersService,
    private readonly cls: ClsService<RequestScope>,
  ) {}

  @Patch()
  @ApiOperation({ summary: 'Update my name or language' })
  async update(@Body() dto: UpdateAccountDto): Promise<UserDto> {
    return toUserDto(await this.users.updateProfile(this.cls.get('user')!.id, dto));
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change my password: ends my other sessions, keeps this one; throttled like the login' })
  async changePassword(@Body() dto: ChangePasswordDto): Promise<void> {
    await this.users.changePassword(this.cls.get('user')!.id, this.cls.get('session')?.id ?? null, this.cls.get('ip'), dto);
  }

  @Delete('sessions/others')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign me out of my other devices: ends every session of mine but this one at once; throttled per IP like the password change' })
  @ApiOkResponse({ type: EndedSessionsDto })
  endOtherSessions(): Promise<EndedSessionsDto> {
    return this.users.endOtherSessions(this.cls.get('user')!.id, this.cls.get('session')!.id, this.cls.get('ip'));
  }
}
