// French texts of the `launch` feature (the reference: en mirrors every key).
export const launchFr = {
  title: 'Ouverture de l’imagerie',
  restoring: 'Reprise de votre session…',
  signingIn: 'Connexion requise : redirection vers le service d’identification de la région…',
  loginUnavailable:
    'Le service d’identification de la région ne répond pas : la connexion est impossible pour le moment. Réessayez dans quelques minutes ; la demande de votre logiciel reste valable 10 minutes.',
  retryLogin: 'Se connecter',
  opening: 'Recherche de ce que votre logiciel a demandé dans les sources de la région…',
  failedTitle: 'L’imagerie n’a pas pu être ouverte',
  whatToDo: 'Que faire ?',
  retry: 'Relancer la recherche',
  home: 'Revenir à l’accueil',
  conflict: {
    title: 'Précisez le patient : plusieurs patients sous un même examen',
    unnamed: 'patient sans nom',
    heldAt: 'Détenu par : {{sources}}',
    open: 'Ouvrir l’examen de {{name}}',
  },
  problem: {
    claimRefused: '{{message}}',
    expired:
      'Ce lien d’ouverture n’est plus valable : il a déjà servi, ou il a expiré (10 minutes).',
    claimUnreachable:
      'La passerelle de la région ne répond pas : la demande de votre logiciel n’a pas pu être lue.',
    claimUnreachableNext:
      'Vérifiez votre connexion au réseau, puis relancez l’ouverture depuis votre logiciel.',
    invalidLaunch: 'La demande de votre logiciel n’est pas valide :',
    invalidLaunchNext:
      'Relancez l’ouverture depuis votre logiciel ; si le message revient, signalez-le à son éditeur.',
    notFound: 'Examen introuvable dans les sources de la région.',
    missingUids_one: 'Identifiant d’examen introuvable : {{values}}.',
    missingUids_other: 'Identifiants d’examen introuvables : {{values}}.',
    missingAccessions_one: 'Numéro d’examen introuvable : {{values}}.',
    missingAccessions_other: 'Numéros d’examen introuvables : {{values}}.',
    answered: 'Sources interrogées, sans cet examen : {{sources}}.',
    unanswered: 'Sources qui n’ont pas répondu : {{sources}}.',
    notFoundNext:
      'L’examen n’est peut-être pas encore publié par le site qui l’a réalisé : réessayez plus tard. Si une source n’a pas répondu, relancez la recherche dans quelques minutes. Vous pouvez aussi rechercher le patient depuis l’accueil.',
    noSourceAnswered: 'Aucune source de la région n’a répondu : l’examen n’a pas pu être cherché.',
    noSourceAnsweredNext:
      'Relancez la recherche dans quelques minutes ; si le problème persiste, prévenez le support de la région.',
    otherPatient:
      'L’examen demandé existe, mais il est enregistré pour un autre patient que celui transmis par votre logiciel : il n’a pas été ouvert.',
    otherPatientNext:
      'Vérifiez le patient dans votre logiciel. Si l’erreur persiste, signalez-la au site qui a réalisé l’examen.',
    conflict_one:
      'Cet identifiant d’examen désigne plusieurs patients à la source « {{sources}} » : il ne peut pas être ouvert sans préciser le patient. Choisissez ci-dessous celui dont vous voulez voir l’examen ; seules ses images seront affichées.',
    conflict_other:
      'Cet identifiant d’examen désigne plusieurs patients dans les sources « {{sources}} » : il ne peut pas être ouvert sans préciser le patient. Choisissez ci-dessous celui dont vous voulez voir l’examen ; seules ses images seront affichées.',
    conflictNext:
      'Vérifiez dans votre logiciel de quel patient il s’agit avant de choisir. Signalez l’erreur au site qui a réalisé l’examen : deux patients n’y devraient jamais partager un identifiant d’examen.',
    ambiguous:
      'Plusieurs examens de patients différents portent le numéro d’accès « {{accessionNumber}} » et votre logiciel n’a pas précisé le patient : aucun n’a été ouvert.',
    ambiguousNext:
      'Ouvrez l’examen depuis le dossier du patient dans votre logiciel, ou recherchez le patient depuis l’accueil.',
    cannotOpen: 'La visionneuse n’a pas pu préparer la page demandée : {{message}}',
    cannotOpenNext:
      'Relancez la recherche ; si le problème persiste, prévenez le support de la région.',
    refusedNext: 'Relancez l’ouverture depuis votre logiciel, ou revenez à l’accueil.',
    consentTitle: 'Consentement du patient nécessaire',
    consentNeeded_one:
      'Cet examen n’est dans aucune autre source de la région qui a répondu. La source « {{sources}} » peut le détenir, mais elle n’est accessible qu’avec le consentement du patient.',
    consentNeeded_other:
      'Cet examen n’est dans aucune autre source de la région qui a répondu. Les sources « {{sources}} » peuvent le détenir, mais elles ne sont accessibles qu’avec le consentement du patient.',
    consentNeededNext:
      'Recueillez le consentement du patient avec « Recherche étendue » ci-dessous : l’examen s’ouvre dès qu’il est enregistré.',
    consentNoPatient:
      'Ce lien ne désigne pas le patient : recherchez-le depuis l’accueil par son INS, puis ouvrez la recherche étendue depuis sa liste d’examens.',
  },
} as const;
