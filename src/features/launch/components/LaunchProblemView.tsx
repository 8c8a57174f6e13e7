import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PublicSource } from '../../../domain/publicConfig';
import { failureText } from '../../../lib/api/failureText';
import { GatewayError } from '../../../lib/api/gatewayError';
import type { RenderSourceAction } from '../../../lib/federation/sourceAction';
import type { LaunchChoice, LaunchProblem } from '../api/openLaunch';
import { ConflictChoices } from './ConflictChoices';
import styles from './Launch.module.css';

/**
 * What went wrong and what to do next; every received value is rendered as text.
 * `renderSourceAction` is the consent feature's action (src/app passes it): when only a
 * consent-gated source may hold the exam, its « Recherche étendue » is offered right here,
 * and a recorded consent searches again (`onRetry`), opening the exam.
 */
export function LaunchProblemView({
  problem,
  sourceLabel,
  sources = [],
  onRetry,
  onChoose,
  choosing = false,
  renderSourceAction,
}: {
  problem: LaunchProblem;
  sourceLabel: (id: string) => string;
  sources?: readonly PublicSource[];
  onRetry?: () => void;
  onChoose?: (choice: LaunchChoice) => void;
  choosing?: boolean;
  renderSourceAction?: RenderSourceAction | undefined;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // The page changed from "opening" to an error: bring keyboard and screen-reader focus to it.
    heading.current?.focus();
  }, [problem]);
  const list = (ids: readonly string[]) => ids.map(sourceLabel).join(', ');
  /** The link's exams no answering source holds, named as the link gave them. */
  const missingExams = (missing: { studyUids: string[]; accessionNumbers: string[] }) => (
    <>
      {missing.studyUids.length > 0 && (
        <p data-testid="missing-exams">
          {t('launch.problem.missingUids', {
            count: missing.studyUids.length,
            values: missing.studyUids.join(', '),
          })}
        </p>
      )}
      {missing.accessionNumbers.length > 0 && (
        <p data-testid="missing-exams">
          {t('launch.problem.missingAccessions', {
            count: missing.accessionNumbers.length,
            values: missing.accessionNumbers.join(', '),
          })}
        </p>
      )}
    </>
  );

  let body: ReactNode;
  let next: string;
  let actions: ReactNode = null;
  switch (problem.kind) {
    case 'claimRefused': {
      const { error } = problem;
      if (error instanceof GatewayError && !error.answered) {
        body = <p>{t('launch.problem.claimUnreachable')}</p>;
        next = t('launch.problem.claimUnreachableNext');
      } else {
        body = (
          <p>
            {error instanceof GatewayError && error.status === 404
              ? t('launch.problem.expired')
              : t('launch.problem.claimRefused', { message: failureText(error, t) })}
          </p>
        );
        next = t('launch.problem.refusedNext');
      }
      break;
    }
    case 'invalidLaunch':
      body = (
        <>
          <p>{t('launch.problem.invalidLaunch')}</p>
          <ul>
            {problem.errors.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        </>
      );
      next = t('launch.problem.invalidLaunchNext');
      break;
    case 'notFound':
      body = (
        <>
          <p>{t('launch.problem.notFound')}</p>
          {missingExams(problem.missing)}
          {problem.answered.length > 0 && (
            <p>{t('launch.problem.answered', { sources: list(problem.answered) })}</p>
          )}
          {problem.unanswered.length > 0 && (
            <p>{t('launch.problem.unanswered', { sources: list(problem.unanswered) })}</p>
          )}
        </>
      );
      next = t('launch.problem.notFoundNext');
      break;
    case 'consentNeeded': {
      const gated = sources.filter((s) => problem.consentSourceIds.includes(s.id));
      const patient = { identifiers: problem.patient, label: problem.label };
      body = (
        <>
          <p>
            {t('launch.problem.consentNeeded', {
              count: problem.consentSourceIds.length,
              sources: list(problem.consentSourceIds),
            })}
          </p>
          {missingExams(problem.missing)}
          {problem.answered.length > 0 && (
            <p>{t('launch.problem.answered', { sources: list(problem.answered) })}</p>
          )}
          {problem.unanswered.length > 0 && (
            <p>{t('launch.problem.unanswered', { sources: list(problem.unanswered) })}</p>
          )}
          {problem.patient.length === 0 && <p>{t('launch.problem.consentNoPatient')}</p>}
        </>
      );
      next = t('launch.problem.consentNeededNext');
      if (problem.patient.length > 0 && renderSourceAction && onRetry) {
        actions = gated.map((source) => (
          <span key={source.id} data-testid={`launch-consent-${source.id}`}>
            {renderSourceAction({
              source,
              status: { kind: 'consentNeeded' },
              retry: onRetry,
              patient,
            })}
          </span>
        ));
      }
      break;
    }
    case 'noSourceAnswered':
      body = (
        <>
          <p>{t('launch.problem.noSourceAnswered')}</p>
          <p>{t('launch.problem.unanswered', { sources: list(problem.unanswered) })}</p>
        </>
      );
      next = t('launch.problem.noSourceAnsweredNext');
      break;
    case 'otherPatient':
      body = <p>{t('launch.problem.otherPatient')}</p>;
      next = t('launch.problem.otherPatientNext');
      break;
    case 'conflict':
      body = (
        <>
          <p>
            {t('launch.problem.conflict', {
              count: problem.conflictSourceIds.length,
              sources: list(problem.conflictSourceIds),
            })}
          </p>
          {onChoose && (
            <ConflictChoices
              choices={problem.choices}
              sourceLabel={sourceLabel}
              onChoose={onChoose}
              busy={choosing}
            />
          )}
        </>
      );
      next = t('launch.problem.conflictNext');
      break;
    case 'ambiguous':
      body = <p>{t('launch.problem.ambiguous', { accessionNumber: problem.accessionNumber })}</p>;
      next = t('launch.problem.ambiguousNext');
      break;
    case 'cannotOpen':
      body = <p>{t('launch.problem.cannotOpen', { message: failureText(problem.error, t) })}</p>;
      next = t('launch.problem.cannotOpenNext');
      break;
  }

  return (
    <div className={styles.page} data-testid="launch-problem" data-problem={problem.kind}>
      <h1 ref={heading} tabIndex={-1}>
        {problem.kind === 'conflict'
          ? t('launch.conflict.title')
          : problem.kind === 'consentNeeded'
            ? t('launch.problem.consentTitle')
            : t('launch.failedTitle')}
      </h1>
      <div role="alert" className={styles.problem}>
        {body}
      </div>
      <h2>{t('launch.whatToDo')}</h2>
      <p>{next}</p>
      <div className={styles.actions}>
        {actions}
        {onRetry && (
          <button type="button" onClick={onRetry}>
            {t('launch.retry')}
          </button>
        )}
        <Link to="/" replace>
          {t('launch.home')}
        </Link>
      </div>
    </div>
  );
}
