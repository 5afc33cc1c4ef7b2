import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppException } from '../../common/app.exception.js';
import { Access } from '../tenancy/access.decorator.js';
import {
  CreateOrganizationDto,
  OrganizationDto,
  OrganizationMemberDto,
  UpdateOrganizationDto,
  UpdateOrganizationMemberDto,
} from './dto/organization.dto.js';
import { LOGO_MAX_BYTES, LOGO_TYPES } from './logo-image.js';
import { OrganizationsService } from './organizations.service.js';

@ApiTags('organizations')
@Controller('workspaces/:workspaceId/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @Access({ workspaceRole: 'viewer', organizationListing: true })
  @ApiOkResponse({ type: [OrganizationDto] })
  list(@Param('workspaceId') _workspaceId: string): Promise<OrganizationDto[]> {
    return this.organizations.list();
  }

  @Post()
  @Access({ workspaceRole: 'facilitator' })
  @ApiCreatedResponse({ type: OrganizationDto })
  create(@Param('workspaceId') _workspaceId: string, @Body() dto: CreateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.create(dto);
  }

  @Get(':organizationId')
  @Access({ workspaceRole: 'viewer', organizationRoles: ['contact', 'board'] })
  @ApiOkResponse({ type: OrganizationDto })
  get(@Param('workspaceId') _workspaceId: string, @Param('organizationId') organizationId: string): Promise<OrganizationDto> {
    return this.organizations.get(organizationId);
  }

  @Patch(':organizationId')
  @Access({ workspaceRole: 'facilitator', organizationRoles: ['contact'] })
  @ApiOkResponse({ type: OrganizationDto })
  update(
    @Param('workspaceId') _workspaceId: string,
    @Param('organizationId') organizationId: string,
    @Body() dto: UpdateOrganizationDto,
  ): Promise<OrganizationDto> {
    return this.organizations.update(organizationId, dto);
  }

  @Delete(':organizationId')
  @HttpCode(204)
  @Access({ workspaceRole: 'admin' })
  async remove(@Param('workspaceId') _workspaceId: string, @Param('organizationId') organizationId: string): Promise<void> {
    await this.organizations.remove(organizationId);
  }

  @Put(':organizationId/logo')
  @HttpCode(204)
  @Access({ workspaceRole: 'facilitator', organizationRoles: ['contact'] })
  @ApiOperation({ summary: 'Upload the organization’s logo for its reports: the raw bytes of a PNG or JPEG, at most 1 MiB and 3000 × 3000 pixels (413, 415, 422 otherwise; audited)' })
  @ApiConsumes(...LOGO_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiNoContentResponse()
  async putLogo(@Param('workspaceId') _workspaceId: string, @Param('organizationId') organizationId: string, @Req() req: Request): Promise<void> {
    const type = req.headers['content-type'];
    if (!req.is([...LOGO_TYPES])) {
      // Decided before reading: a JSON or form body has been parsed already, and is not an image anyway.
      await this.organizations.setLogo(organizationId, Buffer.alloc(0), type);
      return;
    }
    await this.organizations.setLogo(organizationId, await readBody(req, LOGO_MAX_BYTES), type);
  }

  @Get(':organizationId/logo')
  @Access({ workspaceRole: 'viewer', organizationRoles: ['contact', 'board'] })
  @ApiOperation({ summary: 'The organization’s logo, as uploaded (404 when it has none)' })
  @ApiProduces(...LOGO_TYPES)
  @ApiOkResponse({ description: 'the image' })
  async getLogo(@Param('workspaceId') _workspaceId: string, @Param('organizationId') organizationId: string, @Res() res: Response): Promise<void> {
    const logo = await this.organizations.logo(organizationId);
    res.status(200);
    res.setHeader('Content-Type', logo.type);
    res.setHeader('Content-Length', String(logo.bytes.length));
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(logo.bytes);
  }

  @Delete(':organizationId/logo')
  @HttpCode(204)
  @Access({ workspaceRole: 'facilitator', organizationRoles: ['contact'] })
  @ApiOperation({ summary: 'Remove the organization’s logo (audited)' })
  @ApiNoContentResponse()
  async deleteLogo(@Param('workspaceId') _workspaceId: string, @Param('organizationId') organizationId: string): Promise<void> {
    await this.organizations.removeLogo(organizationId);
  }

  @Get(':organizationId/members')
  @Access({ workspaceRole: 'viewer', organizationRoles: ['contact', 'board'] })
  @ApiOkResponse({ type: [OrganizationMemberDto] })
  members(@Param('workspaceId') _workspaceId: string, @Param('organizationId') organizationId: string): Promise<OrganizationMemberDto[]> {
    return this.organizations.listMembers(organizationId);
  }

  @Patch(':organizationId/members/:userId')
  @Access({ workspaceRole: 'facilitator', organizationRoles: ['contact'] })
  @ApiOkResponse({ type: OrganizationMemberDto })
  updateMember(
    @Param('workspaceId') _workspaceId: string,
    @Param('organizationId') organizationId: string,
    @Param('userId') userId: string,
    @Body() dto: UpdateOrganizationMemberDto,
  ): Promise<OrganizationMemberDto> {
    return this.organizations.updateMemberRole(organizationId, userId, dto.role);
  }

  @Delete(':organizationId/members/:userId')
  @HttpCode(204)
  @Access({ workspaceRole: 'facilitator', organizationRoles: ['contact'] })
  async removeMember(
    @Param('workspaceId') _workspaceId: string,
    @Param('organizationId') organizationId: string,
    @Param('userId') userId: string,
  ): Promise<void> {
    await this.organizations.removeMember(organizationId, userId);
  }
}

/** Bodies beyond this are not even read to the end: the connection is closed. */
const DRAIN_MAX_BYTES = 16 * LOGO_MAX_BYTES;

/**
 * The raw request body, up to `limit` bytes and one more (so that a larger one is known to be
 * too large); the rest of a larger body is read and dropped, so that the client hears the answer.
 */
function readBody(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let seen = 0;
    req.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (kept <= limit) {
        const part = chunk.subarray(0, limit + 1 - kept);
        chunks.push(part);
        kept += part.length;
      }
      if (seen > DRAIN_MAX_BYTES) {
        req.destroy();
        reject(new AppException('payload-too-large', `Le logo doit être une image PNG ou JPEG de 1 Mo au plus / The logo must be a PNG or JPEG image of at most 1 MiB.`));
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
