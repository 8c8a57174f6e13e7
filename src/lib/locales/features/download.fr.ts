// French texts of downloads: the image on screen, the whole study, and the health-data step
// before either (the reference: en mirrors every key).
export const downloadFr = {
  menu: {
    button: 'Télécharger',
    title: 'Télécharger',
    imagePng: 'Image (PNG)',
    imageJpeg: 'Image (JPEG)',
    annotations: 'Avec annotations',
    study: 'Examen complet (ZIP DICOM)',
    studyHint: 'Toutes les images de l’examen, lisibles par les logiciels médicaux (DICOMDIR).',
  },
  confirm: {
    title: 'Ce fichier contient des données de santé',
    body: 'Ce fichier contient des données de santé à caractère personnel. Une fois enregistré sur cet appareil, il est sous votre responsabilité : conservez-le en lieu sûr, ne le transmettez qu’à des personnes habilitées et supprimez-le quand il n’est plus utile.',
    traced:
      'Ce téléchargement est enregistré dans l’historique des accès, consultable par le patient.',
    fileImage: 'Fichier : l’image affichée, au format {{format}}{{annotations}}.',
    withAnnotations: ', avec ses annotations',
    fileStudy: 'Fichier : l’examen complet au format DICOM (archive ZIP avec DICOMDIR).',
    confirm: 'Je comprends, télécharger',
    cancel: 'Annuler',
  },
  status: {
    preparing: 'Préparation du téléchargement…',
    started: 'Téléchargement lancé.',
    failed: 'Téléchargement impossible : {{message}}',
    noImage: 'Aucune image affichée à enregistrer pour l’instant.',
  },
  row: {
    button: 'Télécharger l’examen',
    label: 'Télécharger l’examen du {{date}} ({{description}}) au format DICOM',
  },
} as const;
