import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access, type AccessRule } from '../tenancy/access.decorator.js';
import {
  CreateThemeDto,
  PutVerbatimThemesDto,
  SelectionDto,
  ThemeDto,
  UpdateThemeDto,
  VerbatimDto,
  VerbatimListDto,
  VerbatimsQueryDto,
} from './dto/verbatims.dto.js';
import { VerbatimIdPipe } from './verbatim-id.pipe.js';
import { VerbatimsService } from './verbatims.service.js';

const VERBATIM_PARAM = { name: 'verbatim', description: 'the id of the verbatim (its answer row id, digits)', example: '1234' } as const;
/** Reading: the network, the organization's contact; the board reads the chosen stories (selected=true). */
const READ: AccessRule = { workspaceRole: 'viewer', organizationRoles: ['contact', 'board'] };
/** Coding and choosing stories is done with the organization: the facilitators and its contact. */
const WRITE: AccessRule = { workspaceRole: 'facilitator', organizationRoles: ['contact'] };

/**
 * The verbatims of an evaluation (open answers and "pourquoi ?" comments, always masked), the
 * code book they are coded with, and the stories chosen for the report with why.
 */
@ApiTags('verbatims')
@Controller('workspaces/:workspaceId/organizations/:organizationId/evaluations/:evaluationId')
export class VerbatimsController {
  constructor(private readonly verbatims: VerbatimsService) {}

  @Get('verbatims')
  @Access(READ)
  @ApiOperation({
    summary:
      'Open answers of counted submissions, masked, by page (oldest first); groups under k are listed in hiddenGroups and none of their verbatims is; board members ask with selected=true',
  })
  @ApiOkResponse({ type: VerbatimListDto })
  list(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Query() query: VerbatimsQueryDto,
  ): Promise<VerbatimListDto> {
    return this.verbatims.list(organizationId, evaluationId, query);
  }

  @Put('verbatims/:verbatim/themes')
  @Access(WRITE)
  @ApiOperation({ summary: 'Code a verbatim with these themes of the code book (replaces its themes; audited)' })
  @ApiParam(VERBATIM_PARAM)
  @ApiOkResponse({ type: VerbatimDto })
  setThemes(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('verbatim', VerbatimIdPipe) answerId: string,
    @Body() dto: PutVerbatimThemesDto,
  ): Promise<VerbatimDto> {
    return this.verbatims.setThemes(organizationId, evaluationId, answerId, dto.themeIds);
  }

  @Put('verbatims/:verbatim/selection')
  @Access(WRITE)
  @ApiOperation({ summary: 'Choose a verbatim as a story for the report, through its masked text, with why (again: changes the reason; audited)' })
  @ApiParam(VERBATIM_PARAM)
  @ApiOkResponse({ type: VerbatimDto })
  select(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('verbatim', VerbatimIdPipe) answerId: string,
    @Body() dto: SelectionDto,
  ): Promise<VerbatimDto> {
    return this.verbatims.select(organizationId, evaluationId, answerId, dto.reason);
  }

  @Delete('verbatims/:verbatim/selection')
  @HttpCode(204)
  @Access(WRITE)
  @ApiOperation({ summary: 'No longer keep a verbatim as a story (audited)' })
  @ApiParam(VERBATIM_PARAM)
  @ApiNoContentResponse()
  async unselect(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('verbatim', VerbatimIdPipe) answerId: string,
  ): Promise<void> {
    await this.verbatims.unselect(organizationId, evaluationId, answerId);
  }

  @Get('themes')
  @Access(READ)
  @ApiOperation({ summary: 'The code book of the evaluation: its themes, with how many listed verbatims each codes' })
  @ApiOkResponse({ type: [ThemeDto] })
  themes(@Param('workspaceId') _w: string, @Param('organizationId') organizationId: string, @Param('evaluationId') evaluationId: string): Promise<ThemeDto[]> {
    return this.verbatims.themes(organizationId, evaluationId);
  }

  @Post('themes')
  @Access(WRITE)
  @ApiOperation({ summary: 'Add a theme to the code book (labels are unique, whatever their case and accents; audited)' })
  @ApiCreatedResponse({ type: ThemeDto })
  createTheme(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Body() dto: CreateThemeDto,
  ): Promise<ThemeDto> {
    return this.verbatims.createTheme(organizationId, evaluationId, dto);
  }

  @Patch('themes/:themeId')
  @Access(WRITE)
  @ApiOperation({ summary: 'Rename a theme, or change its description or colour (audited)' })
  @ApiOkResponse({ type: ThemeDto })
  updateTheme(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('themeId') themeId: string,
    @Body() dto: UpdateThemeDto,
  ): Promise<ThemeDto> {
    return this.verbatims.updateTheme(organizationId, evaluationId, themeId, dto);
  }

  @Delete('themes/:themeId')
  @HttpCode(204)
  @Access(WRITE)
  @ApiOperation({ summary: 'Delete a theme; the verbatims coded with it lose it (audited)' })
  @ApiNoContentResponse()
  async deleteTheme(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('themeId') themeId: string,
  ): Promise<void> {
    await this.verbatims.deleteTheme(organizationId, evaluationId, themeId);
  }
}
