import { derivedEn } from './features/derived.en';
import { consentEn } from './features/consent.en';
import { downloadEn } from './features/download.en';
import { fusionEn } from './features/fusion.en';
import { launchEn } from './features/launch.en';
import { nuclearEn } from './features/nuclear.en';
import { reportsEn } from './features/reports.en';
import { studiesEn } from './features/studies.en';
import { viewerEn } from './features/viewer.en';
import type { LocaleMessages } from './fr';

const failureEn: LocaleMessages['failure'] = {
  gatewayUnreachable: 'gateway unreachable',
  timeout: 'response timed out',
  sourceUnreachable: 'source unreachable',
  sourceError: 'source error',
  invalidResponse: 'invalid response',
  sessionExpired: 'session expired',
  forbidden: 'access denied',
  consentRequired: 'the patient’s consent is required',
  refused: 'request refused by the gateway',
  notFound: 'not found',
  unknownSource: 'source unknown to the gateway',
  gatewayError: 'gateway error',
};

// Profession and specialty labels stay French in English too: they are the national
// nomenclature's official labels, not UI text.
export const en: LocaleMessages = {
  app: {
    productName: 'Regional imaging',
    skipToContent: 'Skip to main content',
    loadingConfig: 'Loading the region’s configuration…',
  },
  header: {
    login: 'Sign in',
    logout: 'Sign out',
    language: 'Language',
    signedInAs: 'Signed in',
  },
  preferences: {
    menu: 'Preferences',
    autoCompare: 'Automatically open the comparison with the most relevant prior study',
    keptHere: 'Kept in this browser, for you only.',
    notKept:
      'This browser keeps no settings (private browsing?): this one lasts until the page is closed.',
  },
  languages: {
    fr: 'Français',
    en: 'English',
  },
  role: {
    professional: 'Healthcare professional',
    patient: 'Patient',
    unknown: 'Unrecognised role',
    withProfession: '{{role}} — {{profession}}',
    withSpecialty: '{{role}} — {{profession}} ({{specialty}})',
  },
  user: {
    unnamed: 'Unnamed user',
  },
  auth: {
    restoring: 'Restoring your session…',
    completing: 'Signing you in…',
    failedTitle: 'Sign-in did not complete',
    failedBody:
      'The identity service did not confirm your sign-in. You can try again from the home page.',
    backHome: 'Back to the home page',
    idpUnavailable:
      'The region’s identity service does not answer: signing in is not possible now.',
    sessionExpired: 'Your session has expired: sign in again to continue.',
    signedOut: 'Sign-in required: sign in to see this page.',
  },
  home: {
    signedOutTitle: 'The region’s imaging viewer',
    signedOutBody:
      'See your patients’ imaging studies, or your own, whichever site performed them. Sign in with your regional account to start.',
  },
  sources: {
    title: 'Imaging sources of the region',
    intro: 'Each source is queried without naming any patient.',
    kind: {
      drimbox: 'DRIMbox',
      regional: 'Regional archive',
    },
    state: {
      loading: 'Querying…',
      online: 'Online',
      offline: 'Offline — {{reason}}',
    },
    retry: 'Retry',
  },
  failure: failureEn,
  notFound: {
    title: 'Page not found',
    body: 'This address matches no page of the viewer.',
    home: 'Back to the home page',
  },
  crash: {
    title: 'An unexpected error occurred',
    body: 'This page could not be displayed. Reload it; if the problem persists, tell the region’s support.',
    reload: 'Reload the page',
  },
  config: {
    unreadable: 'The region’s configuration is unreadable ({{problem}}).',
    help: 'Tell the regional platform’s administrator.',
    retry: 'Retry',
    problem: {
      network: 'gateway unreachable',
      http: 'HTTP status {{status}}',
      json: 'the file is not valid JSON',
      shape: '{{path}}: {{expected}}',
    },
    expected: {
      object: 'object expected',
      array: 'list expected',
      nonEmptyString: 'non-empty text expected',
      boolean: 'true or false expected',
      positiveInteger: 'positive integer expected',
      sourceKind: '"drimbox" or "regional" expected',
      uniqueId: 'id already used by another source',
      atLeastOneSource: 'at least one source expected',
    },
  },
  studies: studiesEn,
  viewer: viewerEn,
  reports: reportsEn,
  launch: launchEn,
  consent: consentEn,
  download: downloadEn,
  fusion: fusionEn,
  nuclear: nuclearEn,
  derived: derivedEn,
};
