import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { OrganizationDto } from '../organizations/dto/organization.dto.js';
import { Access } from '../tenancy/access.decorator.js';
import { DeletionRequestInputDto } from './dto/deletion-request.dto.js';
import { OrganizationDataService } from './organization-data.service.js';

/** An organization's rights over its data: a full export, and asking for its deletion. */
@ApiTags('organizations')
@Controller('workspaces/:workspaceId/organizations/:organizationId')
export class OrganizationDataController {
  constructor(private readonly data: OrganizationDataService) {}

  @Get('data-export.json')
  @Access({ workspaceRole: 'facilitator', organizationRoles: ['contact'] })
  @ApiOperation({
    summary:
      'Everything Regards keeps about the organization, one JSON document of tables (individual answers for the network’s facilitators and admins only; names of named groups only). Audited',
  })
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'the export' })
  async exportJson(@Param('workspaceId') _w: string, @Param('organizationId') organizationId: string, @Res() res: Response): Promise<void> {
    const { body, fileName } = await this.data.exportJson(organizationId);
    send(res, 'application/json; charset=utf-8', fileName, Buffer.from(body, 'utf8'));
  }

  @Get('data-export.zip')
  @Access({ workspaceRole: 'facilitator', organizationRoles: ['contact'] })
  @ApiOperation({ summary: 'The same export as a zip: one CSV per table, a README, and the validated report versions as PDF files. Audited' })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'the zip' })
  async exportZip(@Param('workspaceId') _w: string, @Param('organizationId') organizationId: string, @Res() res: Response): Promise<void> {
    const { body, fileName } = await this.data.exportZip(organizationId);
    send(res, 'application/zip', fileName, body);
  }

  @Post('deletion-request')
  @Access({ workspaceRole: 'facilitator', organizationRoles: ['contact'] })
  @ApiOperation({ summary: 'Ask for all the organization’s data to be deleted; a workspace admin carries it out (DELETE …/organizations/:id). 409 when already asked. Audited' })
  @ApiCreatedResponse({ type: OrganizationDto })
  requestDeletion(@Param('workspaceId') _w: string, @Param('organizationId') organizationId: string, @Body() dto: DeletionRequestInputDto): Promise<OrganizationDto> {
    return this.data.requestDeletion(organizationId, dto.reason);
  }

  @Delete('deletion-request')
  @HttpCode(200)
  @Access({ workspaceRole: 'facilitator', organizationRoles: ['contact'] })
  @ApiOperation({ summary: 'Withdraw the request to delete the organization’s data. 409 when none was made. Audited' })
  @ApiOkResponse({ type: OrganizationDto })
  withdrawDeletionRequest(@Param('workspaceId') _w: string, @Param('organizationId') organizationId: string): Promise<OrganizationDto> {
    return this.data.withdrawDeletionRequest(organizationId);
  }
}

function send(res: Response, contentType: string, fileName: string, body: Buffer): void {
  res.status(200);
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', String(body.length));
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.end(body);
}
