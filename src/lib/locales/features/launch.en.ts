import type { Messages } from '../messages';
import type { launchFr } from './launch.fr';

export const launchEn: Messages<typeof launchFr> = {
  title: 'Opening the images',
  restoring: 'Restoring your session…',
  signingIn: 'Sign-in required: redirecting to the region’s identity service…',
  loginUnavailable:
    'The region’s identity service does not answer: signing in is impossible for now. Try again in a few minutes; your software’s request stays valid for 10 minutes.',
  retryLogin: 'Sign in',
  opening: 'Looking for what your software asked for in the region’s sources…',
  failedTitle: 'The images could not be opened',
  whatToDo: 'What next?',
  retry: 'Search again',
  home: 'Back to home',
  conflict: {
    title: 'Say which patient: several patients under one study',
    unnamed: 'unnamed patient',
    heldAt: 'Held by: {{sources}}',
    open: 'Open the study of {{name}}',
  },
  problem: {
    claimRefused: '{{message}}',
    expired:
      'This opening link is no longer valid: it was already used, or it expired (10 minutes).',
    claimUnreachable:
      'The region’s gateway does not answer: your software’s request could not be read.',
    claimUnreachableNext:
      'Check your network connection, then open the images again from your software.',
    invalidLaunch: 'Your software’s request is not valid:',
    invalidLaunchNext:
      'Open the images again from your software; if the message comes back, report it to its vendor.',
    notFound: 'Study not found in the region’s sources.',
    missingUids_one: 'Study identifier not found: {{values}}.',
    missingUids_other: 'Study identifiers not found: {{values}}.',
    missingAccessions_one: 'Accession number not found: {{values}}.',
    missingAccessions_other: 'Accession numbers not found: {{values}}.',
    answered: 'Sources asked, without this study: {{sources}}.',
    unanswered: 'Sources that did not answer: {{sources}}.',
    notFoundNext:
      'The site that performed the study may not have published it yet: try again later. If a source did not answer, search again in a few minutes. You can also search for the patient from the home page.',
    noSourceAnswered: 'No source of the region answered: the study could not be searched for.',
    noSourceAnsweredNext:
      'Search again in a few minutes; if the problem persists, tell the region’s support.',
    otherPatient:
      'The requested study exists, but it is recorded for another patient than the one your software sent: it was not opened.',
    otherPatientNext:
      'Check the patient in your software. If the error persists, report it to the site that performed the study.',
    conflict_one:
      'This study identifier names several patients at the source “{{sources}}”: it cannot be opened without saying which patient. Choose below whose study you want to see; only their images will be shown.',
    conflict_other:
      'This study identifier names several patients in the sources “{{sources}}”: it cannot be opened without saying which patient. Choose below whose study you want to see; only their images will be shown.',
    conflictNext:
      'Check in your software which patient this is before choosing. Report the error to the site that performed the study: two patients should never share a study identifier there.',
    ambiguous:
      'Several studies of different patients carry the accession number “{{accessionNumber}}” and your software did not name the patient: none was opened.',
    ambiguousNext:
      'Open the study from the patient’s record in your software, or search for the patient from the home page.',
    cannotOpen: 'The viewer could not prepare the requested page: {{message}}',
    cannotOpenNext: 'Search again; if the problem persists, tell the region’s support.',
    refusedNext: 'Open the images again from your software, or go back to home.',
    consentTitle: 'The patient’s consent is needed',
    consentNeeded_one:
      'This study is in no other source of the region that answered. The source “{{sources}}” may hold it, but it is open only with the patient’s consent.',
    consentNeeded_other:
      'This study is in no other source of the region that answered. The sources “{{sources}}” may hold it, but they are open only with the patient’s consent.',
    consentNeededNext:
      'Record the patient’s consent with “Extended search” below: the study opens as soon as it is recorded.',
    consentNoPatient:
      'This link does not name the patient: find them from home by their INS, then open the extended search from their list of studies.',
  },
};
