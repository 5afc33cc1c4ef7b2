/** The organization's data section (export, deletion request): French first, English with the same shape. */
export const organizationDataFr = {
  title: 'Données de la structure',
  intro:
    'Téléchargez tout ce que Regards garde sur la structure\u202f: ses informations, ses membres, ses évaluations, ses séances collectives et ses rapports.',
  introAnswers: 'En tant qu’accompagnateur·ice du réseau, votre export contient aussi les réponses individuelles (sans nom, sauf pour les témoignages signés).',
  introNoAnswers:
    'Les réponses individuelles n’en font pas partie\u202f: les répondant·es ont été assuré·es qu’elles restent auprès du réseau. Les résultats sont dans le tableau de bord et les rapports.',
  downloadJson: 'Télécharger (JSON)',
  downloadZip: 'Télécharger (CSV et PDF, zip)',
  deletionTitle: 'Suppression des données',
  deletionIntro:
    'La structure peut demander que toutes ses données soient supprimées. Un·e administrateur·ice du réseau s’en charge\u202f; c’est définitif.',
  request: 'Demander la suppression',
  requestTitle: 'Demander la suppression des données',
  reason: 'Motif',
  reasonHint: 'Pour les administrateur·ices du réseau\u202f: par exemple, la structure cesse son activité.',
  reasonRequired: 'Indiquez le motif de la demande.',
  send: 'Envoyer la demande',
  requested: 'Demande de suppression envoyée.',
  pending: 'Suppression demandée le {{date}}\u202f: «\u202f{{reason}}\u202f»',
  pendingAdmin: 'Vous pouvez maintenant supprimer l’organisation et toutes ses données (bouton en bas de page), après l’avoir exportée si besoin.',
  pendingOthers: 'Un·e administrateur·ice du réseau va supprimer la structure et toutes ses données.',
  withdraw: 'Retirer la demande',
  withdrawn: 'Demande de suppression retirée.',
  badge: 'Suppression demandée',
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export const organizationDataEn: Shape<typeof organizationDataFr> = {
  title: 'The organization’s data',
  intro: 'Download everything Regards keeps about the organization: its details, its members, its evaluations, its collective sessions and its reports.',
  introAnswers: 'As a facilitator of the network, your export also holds the individual answers (without names, except for signed testimonies).',
  introNoAnswers:
    'Individual answers are not part of it: respondents were promised that they stay with the network. The results are in the dashboard and the reports.',
  downloadJson: 'Download (JSON)',
  downloadZip: 'Download (CSV and PDF, zip)',
  deletionTitle: 'Deleting the data',
  deletionIntro: 'The organization may ask for all its data to be deleted. An administrator of the network does it; it cannot be undone.',
  request: 'Ask for deletion',
  requestTitle: 'Ask for the data to be deleted',
  reason: 'Reason',
  reasonHint: 'For the network’s administrators: for example, the organization is closing down.',
  reasonRequired: 'Give the reason for the request.',
  send: 'Send the request',
  requested: 'Deletion request sent.',
  pending: 'Deletion asked on {{date}}: “{{reason}}”',
  pendingAdmin: 'You may now delete the organization and all its data (button at the bottom of the page), after exporting it if needed.',
  pendingOthers: 'An administrator of the network will delete the organization and all its data.',
  withdraw: 'Withdraw the request',
  withdrawn: 'Deletion request withdrawn.',
  badge: 'Deletion requested',
};
