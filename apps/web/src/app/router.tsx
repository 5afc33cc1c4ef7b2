import { Navigate, Outlet, createBrowserRouter, type RouteObject } from 'react-router';
import { PageLoader } from '../components/page-loader';
import { RequireWorkspaceRole, WorkspaceScope } from '../features/workspaces/workspace-scope';
import { CrashPage } from './crash-page';
import { NotFoundContent, NotFoundPage } from './not-found-page';
import { HomeRedirect } from './shell/home-redirect';
import { PublicLayout } from './shell/public-layout';
import { RequireSession } from './shell/require-session';

/*
 * Pages are code-split per route: the login page does not download the signed-in shell, and each
 * screen loads when first visited. The shell itself is one chunk shared by all signed-in pages.
 */
export const routes: RouteObject[] = [
  {
    id: 'root',
    Component: Outlet,
    ErrorBoundary: CrashPage,
    HydrateFallback: PageLoader,
    children: [
      // Respondents: no account, their own light layout; survey-react-ui loads with these pages only.
      { path: 'r/:token', lazy: async () => ({ Component: (await import('../features/respond/respond-page')).RespondPage }) },
      { path: 'r/:token/mes-reponses', lazy: async () => ({ Component: (await import('../features/respond/my-answers-page')).MyAnswersPage }) },
      { path: 's', lazy: async () => ({ Component: (await import('../features/respond/join-session-page')).JoinSessionPage }) },
      { path: 's/:code', lazy: async () => ({ Component: (await import('../features/respond/join-session-page')).JoinSessionPage }) },
      {
        Component: PublicLayout,
        children: [
          { path: 'login', lazy: async () => ({ Component: (await import('../features/auth/login-page')).LoginPage }) },
          {
            path: 'invitations/:token',
            lazy: async () => ({
              Component: (await import('../features/invitations/accept-invitation-page')).AcceptInvitationPage,
            }),
          },
        ],
      },
      {
        Component: RequireSession,
        children: [
          {
            // The session debrief is projected in a room: full screen, outside the app's frame.
            path: 'w/:workspaceId',
            Component: WorkspaceScope,
            children: [
              {
                path: 'organizations/:organizationId/evaluations/:evaluationId/sessions/:sessionId/debrief',
                lazy: async () => ({ Component: (await import('../features/analysis/debrief-page')).DebriefPage }),
              },
            ],
          },
          {
            lazy: async () => ({ Component: (await import('./shell/app-layout')).AppLayout }),
            children: [
              { index: true, Component: HomeRedirect },
              {
                path: 'no-workspace',
                lazy: async () => ({
                  Component: (await import('../features/workspaces/no-workspace-page')).NoWorkspacePage,
                }),
              },
              {
                path: 'account',
                lazy: async () => ({ Component: (await import('../features/account/account-page')).AccountPage }),
              },
              {
                path: 'w/:workspaceId',
                Component: WorkspaceScope,
                children: [
                  { index: true, element: <Navigate to="organizations" replace /> },
                  {
                    path: 'organizations',
                    lazy: async () => ({
                      Component: (await import('../features/organizations/organizations-page')).OrganizationsPage,
                    }),
                  },
                  {
                    path: 'organizations/:organizationId',
                    lazy: async () => ({
                      Component: (await import('../features/organizations/organization-detail-page'))
                        .OrganizationDetailPage,
                    }),
                  },
                  {
                    path: 'organizations/:organizationId/evaluations/:evaluationId',
                    lazy: async () => ({
                      Component: (await import('../features/evaluations/evaluation-page')).EvaluationPage,
                    }),
                  },
                  {
                    path: 'organizations/:organizationId/evaluations/:evaluationId/sessions/:sessionId',
                    lazy: async () => ({
                      Component: (await import('../features/sessions/session-screen-page')).SessionScreenPage,
                    }),
                  },
                  {
                    Component: RequireWorkspaceRole,
                    children: [
                      {
                        path: 'frameworks',
                        lazy: async () => ({
                          Component: (await import('../features/frameworks/frameworks-page')).FrameworksPage,
                        }),
                      },
                      {
                        // The editor chunks hold survey-core (validation, compilation): never in the shell.
                        path: 'frameworks/:frameworkId',
                        lazy: async () => ({
                          Component: (await import('../features/frameworks/editor/framework-editor-page')).FrameworkEditorPage,
                        }),
                      },
                      {
                        path: 'frameworks/commons/:frameworkId',
                        lazy: async () => ({
                          Component: (await import('../features/frameworks/editor/commons-preview-page')).CommonsPreviewPage,
                        }),
                      },
                      {
                        path: 'members',
                        lazy: async () => ({
                          Component: (await import('../features/members/workspace-members-page')).WorkspaceMembersPage,
                        }),
                      },
                      {
                        path: 'audit',
                        lazy: async () => ({ Component: (await import('../features/audit/audit-log-page')).AuditLogPage }),
                      },
                    ],
                  },
                  { path: '*', Component: NotFoundContent },
                ],
              },
            ],
          },
        ],
      },
      { Component: PublicLayout, children: [{ path: '*', Component: NotFoundPage }] },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
