// French is the reference: every key exists here first, and en.ts must mirror it (typed).
import { derivedFr } from './features/derived.fr';
import { consentFr } from './features/consent.fr';
import { downloadFr } from './features/download.fr';
import { fusionFr } from './features/fusion.fr';
import { launchFr } from './features/launch.fr';
import { nuclearFr } from './features/nuclear.fr';
import { reportsFr } from './features/reports.fr';
import { studiesFr } from './features/studies.fr';
import { viewerFr } from './features/viewer.fr';
import type { Messages } from './messages';

// Why a call to the gateway failed (domain/gatewayFailure.ts), as words to put in a sentence
// (« Hors ligne — {{reason}} », « Action impossible : {{message}} »).
const failureFr = {
  gatewayUnreachable: 'passerelle injoignable',
  timeout: 'délai de réponse dépassé',
  sourceUnreachable: 'source injoignable',
  sourceError: 'erreur de la source',
  invalidResponse: 'réponse invalide',
  sessionExpired: 'session expirée',
  forbidden: 'accès refusé',
  consentRequired: 'consentement du patient requis',
  refused: 'requête refusée par la passerelle',
  notFound: 'introuvable',
  unknownSource: 'source inconnue de la passerelle',
  gatewayError: 'erreur de la passerelle',
} as const;

export const fr = {
  app: {
    productName: 'Imagerie régionale',
    skipToContent: 'Aller au contenu principal',
    loadingConfig: 'Chargement de la configuration de la région…',
  },
  header: {
    login: 'Se connecter',
    logout: 'Se déconnecter',
    language: 'Langue',
    signedInAs: 'Connecté',
  },
  preferences: {
    menu: 'Préférences',
    autoCompare: 'Ouvrir automatiquement la comparaison avec l’examen antérieur le plus pertinent',
    keptHere: 'Réglage gardé dans ce navigateur, pour vous seulement.',
    notKept:
      'Ce navigateur ne garde pas les réglages (navigation privée ?) : celui-ci vaut jusqu’à la fermeture de la page.',
  },
  languages: {
    fr: 'Français',
    en: 'English',
  },
  role: {
    professional: 'Professionnel de santé',
    patient: 'Patient',
    unknown: 'Rôle non reconnu',
    withProfession: '{{role}} — {{profession}}',
    withSpecialty: '{{role}} — {{profession}} ({{specialty}})',
  },
  user: {
    unnamed: 'Utilisateur sans nom',
  },
  auth: {
    restoring: 'Reprise de votre session…',
    completing: 'Connexion en cours…',
    failedTitle: 'La connexion n’a pas abouti',
    failedBody:
      'Le service d’identification n’a pas confirmé votre connexion. Vous pouvez réessayer depuis l’accueil.',
    backHome: 'Revenir à l’accueil',
    idpUnavailable:
      'Le service d’identification de la région ne répond pas : la connexion est impossible pour le moment.',
    sessionExpired: 'Votre session a expiré : reconnectez-vous pour continuer.',
    signedOut: 'Connexion requise : connectez-vous pour afficher cette page.',
  },
  home: {
    signedOutTitle: 'Visionneuse d’imagerie de la région',
    signedOutBody:
      'Consultez les examens d’imagerie de vos patients, ou les vôtres, quel que soit le site qui les a réalisés. Connectez-vous avec votre compte régional pour commencer.',
  },
  sources: {
    title: 'Sources d’imagerie de la région',
    intro: 'Chaque source est interrogée sans désigner aucun patient.',
    kind: {
      drimbox: 'DRIMbox',
      regional: 'Archive régionale',
    },
    state: {
      loading: 'Interrogation en cours…',
      online: 'En ligne',
      offline: 'Hors ligne — {{reason}}',
    },
    retry: 'Réessayer',
  },
  failure: failureFr,
  notFound: {
    title: 'Page introuvable',
    body: 'Cette adresse ne correspond à aucune page de la visionneuse.',
    home: 'Revenir à l’accueil',
  },
  crash: {
    title: 'Une erreur inattendue est survenue',
    body: 'Cette page n’a pas pu s’afficher. Rechargez-la ; si le problème persiste, signalez-le au support de la région.',
    reload: 'Recharger la page',
  },
  config: {
    unreadable: 'La configuration de la région est illisible ({{problem}}).',
    help: 'Prévenez l’administrateur de la plateforme régionale.',
    retry: 'Réessayer',
    problem: {
      network: 'passerelle injoignable',
      http: 'réponse HTTP {{status}}',
      json: 'le fichier n’est pas du JSON valide',
      shape: '{{path}} : {{expected}}',
    },
    expected: {
      object: 'objet attendu',
      array: 'liste attendue',
      nonEmptyString: 'texte non vide attendu',
      boolean: 'vrai ou faux attendu',
      positiveInteger: 'entier positif attendu',
      sourceKind: '« drimbox » ou « regional » attendu',
      uniqueId: 'identifiant déjà utilisé par une autre source',
      atLeastOneSource: 'au moins une source attendue',
    },
  },
  // Each feature keeps its texts in its own file, so features grow without touching this one.
  studies: studiesFr,
  viewer: viewerFr,
  reports: reportsFr,
  launch: launchFr,
  consent: consentFr,
  download: downloadFr,
  fusion: fusionFr,
  nuclear: nuclearFr,
  derived: derivedFr,
} as const;

export type LocaleMessages = Messages<typeof fr>;
