import { useEffect, useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  withBreakGlassReasons,
  type AccessActor,
  type StudyFacts,
} from '../../../domain/consent/accessEntry';
import {
  accessSessions,
  sourceLabels,
  type AccessSession,
} from '../../../domain/consent/accessSessions';
import { longDate } from '../../../domain/dateText';
import type { PublicSource } from '../../../domain/publicConfig';
import { explainStudy } from '../../../domain/viewer/studyExplanation';
import { failureText } from '../../../lib/api/failureText';
import { useMyAccessTrace } from '../api/accessTrace';
import styles from './AccessSessionList.module.css';

/** Viewings shown at first, and added by each « Voir plus »: under three phone screens. */
export const SESSIONS_PER_PAGE = 8;

type T = TFunction;

/** « Mes accès »: the patient's trace as viewings — who, when, which exam, why — newest first. */
export function AccessSessionList({ sources }: { sources: readonly PublicSource[] }) {
  const { t, i18n } = useTranslation();
  const trace = useMyAccessTrace();
  const [shown, setShown] = useState(SESSIONS_PER_PAGE);
  const firstNew = useRef<number | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  const sessions = useMemo(
    () => accessSessions(withBreakGlassReasons(trace.data?.pages.flatMap((p) => p.entries) ?? [])),
    [trace.data],
  );
  const studies = useMemo(
    () => new Map((trace.data?.pages ?? []).flatMap((p) => p.studies).map((st) => [st.uid, st])),
    [trace.data],
  );
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = trace;

  // Read older records until one more viewing than shown is known (so « Voir plus » is
  // honest) or the trace is exhausted; after a failure, only « Voir plus » asks again.
  useEffect(() => {
    if (sessions.length > shown || !hasNextPage || isFetchingNextPage || isFetchNextPageError) {
      return;
    }
    void fetchNextPage();
  }, [
    sessions.length,
    shown,
    hasNextPage,
    isFetchingNextPage,
    isFetchNextPageError,
    fetchNextPage,
  ]);

  // After « Voir plus », the keyboard continues at the first viewing added.
  useEffect(() => {
    const index = firstNew.current;
    if (index === null) return;
    const item = listRef.current?.children[index];
    if (item instanceof HTMLElement) {
      item.focus();
      firstNew.current = null;
    }
  }, [shown, sessions.length]);

  if (trace.isPending) return <p role="status">{t('consent.myAccess.loading')}</p>;
  // An older page that failed leaves what was read in place, with the reason below it.
  if (trace.isError && !trace.data) {
    return (
      <p role="alert" className={styles.error}>
        {t('consent.myAccess.failed', { message: failureText(trace.error, t) })}
      </p>
    );
  }
  if (sessions.length === 0 && !hasNextPage) return <p>{t('consent.myAccess.noAccess')}</p>;

  const visible = sessions.slice(0, shown);
  const more = sessions.length > shown || hasNextPage;
  return (
    <>
      <p className={styles.intro}>{t('consent.myAccess.sessions.intro')}</p>
      <ol className={styles.sessions} data-testid="my-access-trace" ref={listRef}>
        {visible.map((s) => (
          <SessionItem
            key={s.key}
            session={s}
            study={s.studyUid !== undefined ? studies.get(s.studyUid) : undefined}
            sources={sources}
            lang={i18n.language}
            t={t}
          />
        ))}
      </ol>
      <div className={styles.pager}>
        <p className={styles.count} role="status" data-testid="my-access-count">
          {t(
            hasNextPage ? 'consent.myAccess.sessions.countMore' : 'consent.myAccess.sessions.count',
            { count: visible.length, total: sessions.length },
          )}
        </p>
        {isFetchingNextPage && <p role="status">{t('consent.myAccess.sessions.loadingMore')}</p>}
        {isFetchNextPageError && (
          <p role="alert" className={styles.error}>
            {t('consent.myAccess.failed', { message: failureText(trace.error, t) })}
          </p>
        )}
        {more && (
          <button
            type="button"
            className={styles.more}
            disabled={sessions.length <= shown && isFetchingNextPage}
            onClick={() => {
              if (sessions.length <= shown) {
                void fetchNextPage();
                return;
              }
              firstNew.current = shown;
              setShown(shown + SESSIONS_PER_PAGE);
            }}
          >
            {t('consent.myAccess.sessions.more')}
          </button>
        )}
      </div>
    </>
  );
}

function SessionItem({
  session: s,
  study,
  sources,
  lang,
  t,
}: {
  session: AccessSession;
  study: StudyFacts | undefined;
  sources: readonly PublicSource[];
  lang: string;
  t: T;
}) {
  const { entries, refused } = s.counts;
  const actions = s.actions.filter((a) => a !== '').map((a) => actionText(a, t));
  return (
    <li
      className={styles.session}
      tabIndex={-1}
      data-testid="access-session"
      data-purpose={s.purpose.kind}
      data-actor={s.actor.kind}
      data-end={s.end}
    >
      <Who actor={s.actor} />
      <p className={styles.meta}>
        <time dateTime={s.start}>{whenText(s.start, s.end, lang, t)}</time>
        {' · '}
        <span data-testid="access-study">
          {s.studyUid === undefined
            ? t('consent.myAccess.sessions.noStudy')
            : study
              ? studyText(study, lang)
              : t('consent.myAccess.sessions.studyUnknown')}
          {s.sourceIds.length > 0 && ` — ${sourceLabels(s.sourceIds, sources).join(', ')}`}
        </span>
      </p>
      <p className={styles.why} data-testid="access-purpose">
        <span className={styles.label}>{t('consent.myAccess.sessions.why')}</span>{' '}
        {t(`consent.myAccess.sessions.purpose.${s.purpose.kind}`)}
        {s.purpose.kind === 'emergency' && s.purpose.reason !== undefined && (
          <>
            {' — '}
            {t('consent.myAccess.reason')}{' '}
            {/* Typed by a professional: shown as text, whatever it holds. */}
            <span className={styles.reason} data-testid="break-glass-reason">
              {s.purpose.reason}
            </span>
          </>
        )}
      </p>
      <p className={styles.detail}>
        {actions.join(', ')}
        {' · '}
        {t('consent.myAccess.sessions.requests', { count: entries })}
        {refused > 0 && <>, {t('consent.myAccess.sessions.refused', { count: refused })}</>}
        {s.actor.kind === 'professional' && s.actor.rpps !== undefined && s.actor.name && (
          <> · {t('consent.myAccess.sessions.rpps', { rpps: s.actor.rpps })}</>
        )}
      </p>
    </li>
  );
}

function Who({ actor }: { actor: AccessActor }) {
  const { t } = useTranslation();
  if (actor.kind === 'patient') {
    return (
      <p className={styles.who}>
        <strong>{t('consent.myAccess.sessions.you')}</strong>
      </p>
    );
  }
  if (actor.kind !== 'professional') {
    return (
      <p className={styles.who}>
        <strong>{t('consent.myAccess.sessions.unknownPerson')}</strong>
      </p>
    );
  }
  // « Médecin (Médecine générale) »: the profession, and the specialty when there is one.
  const practice =
    actor.profession !== undefined && actor.specialty !== undefined
      ? `${actor.profession} (${actor.specialty})`
      : (actor.profession ?? actor.specialty);
  const byNumber =
    actor.finess !== undefined
      ? t('consent.myAccess.sessions.structureNumber', { finess: actor.finess })
      : undefined;
  const structure = actor.structure ?? byNumber;
  const name =
    actor.name ?? t('consent.myAccess.sessions.professionalNumber', { rpps: actor.rpps ?? '?' });
  return (
    <p className={styles.who} data-testid="access-who">
      <strong>{name}</strong>
      {practice !== undefined && ` · ${practice}`}
      {structure !== undefined && ` · ${structure}`}
    </p>
  );
}

/**
 * « Scanner, 2 juin 2026 »: the exam in plain words (its modalities and description, never
 * guessed beyond them) and its date, from what the sources say of it.
 */
function studyText(study: StudyFacts, lang: string): string {
  const title = explainStudy(
    {
      modalities: study.modalities,
      regions: [],
      descriptions: study.description ? [study.description] : [],
    },
    lang === 'en' ? 'en' : 'fr',
  ).title;
  return study.date ? `${title}, ${longDate(study.date, lang)}` : title;
}

const KNOWN_ACTIONS = new Set([
  'search',
  'retrieve',
  'consent-created',
  'consent-revoked',
  'consent-read',
  'break-glass',
  'audit-read',
  'export',
]);

/** A newer gateway may trace actions this page does not know yet: named by their code. */
function actionText(action: string, t: T): string {
  return KNOWN_ACTIONS.has(action)
    ? t(`consent.myAccess.action.${action}` as 'consent.myAccess.action.search')
    : t('consent.myAccess.sessions.otherAction', { code: action });
}

/** « Le 2 mars 2026, de 09:00 à 09:04 », in the reader's time zone. */
function whenText(start: string, end: string, lang: string, t: T): string {
  const a = new Date(start);
  const b = new Date(end);
  const day = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });
  const time = new Intl.DateTimeFormat(lang, { timeStyle: 'short' });
  const full = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  if (day.format(a) !== day.format(b)) {
    return t('consent.myAccess.sessions.span', { start: full.format(a), end: full.format(b) });
  }
  const [startTime, endTime] = [time.format(a), time.format(b)];
  return startTime === endTime
    ? t('consent.myAccess.sessions.instant', { date: day.format(a), start: startTime })
    : t('consent.myAccess.sessions.sameDay', {
        date: day.format(a),
        start: startTime,
        end: endTime,
      });
}
