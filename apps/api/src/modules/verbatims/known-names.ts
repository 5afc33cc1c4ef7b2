import type { EntityManager } from 'typeorm';

/**
 * The names an evaluation knows of, which its verbatims are masked with: its respondents with a
 * name (confidential and named groups), the labels of its personal links, the organization's
 * members and the network's.
 */
export async function evaluationKnownNames(m: EntityManager, evaluation: { id: string; organizationId: string; workspaceId: string }): Promise<string[]> {
  const rows = await m.query<Array<{ name: string }>>(
    `SELECT respondent_name AS name FROM submission WHERE evaluation_id = $1 AND respondent_name IS NOT NULL
     UNION SELECT label FROM collection_link WHERE evaluation_id = $1 AND label IS NOT NULL
     UNION SELECT u.display_name FROM organization_member om JOIN user_account u ON u.id = om.user_id WHERE om.organization_id = $2
     UNION SELECT u.display_name FROM membership ms JOIN user_account u ON u.id = ms.user_id WHERE ms.workspace_id = $3`,
    [evaluation.id, evaluation.organizationId, evaluation.workspaceId],
  );
  return rows.map((r) => r.name);
}
