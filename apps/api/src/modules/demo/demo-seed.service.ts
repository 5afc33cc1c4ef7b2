import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { UsersService } from '../users/users.service.js';
import { WorkspacesService } from '../workspaces/workspaces.service.js';

export const DEMO_ADMIN = { email: 'demo@regards.local', password: 'regards-demo-2026', displayName: 'Camille Demo' };
export const DEMO_PEOPLE = [
  { email: 'samia@regards.local', displayName: 'Samia Benali', role: 'facilitator' as const },
  { email: 'lecture@regards.local', displayName: 'Jules Martin', role: 'viewer' as const },
];
export const DEMO_WORKSPACE_NAME = 'Pôle ESS du Val de Drôme (démo)';
const DEMO_ORGANIZATIONS = [
  {
    name: 'La Ressourcerie du Vallon',
    legalForm: 'Association loi 1901',
    city: 'Crest',
    description: 'Collecte, valorisation et revente d’objets de seconde main ; chantier d’insertion de 14 salarié·es.',
    contact: { email: 'ressourcerie@regards.local', displayName: 'Nadia Roux' },
  },
  {
    name: 'Café associatif Le Lien',
    legalForm: 'Association loi 1901',
    city: 'Die',
    description: 'Tiers-lieu de village : café, ateliers, épicerie solidaire et permanences d’accès aux droits.',
    contact: { email: 'lelien@regards.local', displayName: 'Thomas Garnier' },
  },
  {
    name: 'SCIC Énergies Citoyennes Drôme',
    legalForm: 'SCIC SAS',
    city: 'Saillans',
    description: 'Production d’électricité renouvelable détenue par 380 habitant·es, collectivités et entreprises du territoire.',
    contact: null,
  },
];

/**
 * The demo workspace that `npm start` creates on a fresh database, so a new user sees a
 * populated network at once. Idempotent: it does nothing when the demo account exists.
 */
@Injectable()
export class DemoSeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly workspaces: WorkspacesService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** Returns true when it created the demo, false when it was already there. */
  async seed(): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      // Serialise concurrent starts on the same database.
      await m.query(`SELECT pg_advisory_xact_lock(7212026)`);
      if (await this.users.findByEmail(DEMO_ADMIN.email, m)) return false;
      const admin = await this.users.create({ ...DEMO_ADMIN, isPlatformAdmin: true }, m);
      const workspace = await this.workspaces.create(DEMO_WORKSPACE_NAME, admin.id, m);
      for (const person of DEMO_PEOPLE) {
        const user = await this.users.create({ email: person.email, displayName: person.displayName, password: DEMO_ADMIN.password }, m);
        await this.workspaces.addMember(workspace.id, user.id, person.role, m);
      }
      for (const o of DEMO_ORGANIZATIONS) {
        const organization = await m.save(
          m.create(OrganizationEntity, { workspaceId: workspace.id, name: o.name, legalForm: o.legalForm, city: o.city, description: o.description }),
        );
        if (o.contact) {
          const contact = await this.users.create({ ...o.contact, password: DEMO_ADMIN.password }, m);
          await this.organizations.addMember(workspace.id, organization.id, contact.id, 'contact', m);
        }
      }
      return true;
    });
  }
}
