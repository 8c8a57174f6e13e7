// French texts of the report panel beside the images (the reference: en mirrors every key).
export const reportsFr = {
  title: 'Compte rendu',
  searching: 'Recherche du compte rendu…',
  loadingDocument: 'Chargement du compte rendu…',
  none: 'Pas encore de compte rendu pour cet examen.',
  several: 'Comptes rendus de cet examen',
  kind: {
    pdf: 'Compte rendu (PDF)',
    cda: 'Compte rendu d’imagerie (CDA)',
    sr: 'Compte rendu structuré',
  },
  dated: '{{title}} — {{date}}',
  download: 'Télécharger le compte rendu (PDF)',
  pdfFrameTitle: 'Compte rendu au format PDF',
  pdfOnHold: 'Le compte rendu s’affiche une fois les images chargées.',
  pdfShowNow: 'Afficher maintenant',
  pdfHint:
    'Si le document ne s’affiche pas ci-dessus, téléchargez-le pour l’ouvrir avec votre lecteur de PDF.',
  facts: {
    date: 'Date',
    author: 'Auteur',
    organization: 'Établissement',
    patient: 'Patient',
    bornOn: '{{name}}, date de naissance : {{date}}',
  },
  untitledSection: 'Section sans titre',
  emptyNarrative: 'Cette section ne contient pas de texte.',
  sr: {
    verified: 'Compte rendu validé',
    unverified: 'Compte rendu non validé',
    partial: 'Compte rendu incomplet',
    references_one: '{{count}} image ou objet référencé',
    references_many: '{{count}} images ou objets référencés',
    references_other: '{{count}} images ou objets référencés',
    coordinates: 'zone tracée sur une image',
    empty: 'Ce compte rendu structuré ne contient aucun texte lisible.',
    truncated: 'Ce compte rendu est très long : la suite n’est pas affichée ici.',
  },
  error: {
    search:
      'Le compte rendu n’a pas pu être recherché ({{reason}}). Les images restent consultables.',
    document: 'Le compte rendu n’a pas pu être chargé ({{reason}}).',
    unreadable: 'Ce compte rendu est illisible : le document est abîmé ou d’un format inattendu.',
    retry: 'Réessayer',
  },
} as const;
