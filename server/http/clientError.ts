// Requests Node's HTTP parser refuses before any route sees them — above all a link whose
// address overflows the header limit (16 KiB), as a DPI that packs a whole patient file
// into a URL makes. The GP gets the project's French page instead of Fastify's English
// JSON, naming nothing from the link: the raw request is neither quoted nor logged.
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyInstance } from 'fastify';
import {
  LAUNCH_FAILED_TITLE,
  launchErrorPage,
  WHAT_TO_DO_AFTER_BAD_LINK,
} from '../launch/errorPage';

/**
 * How long the connection keeps reading (and dropping) what the client still sends after the
 * answer. Closed at once, a socket with unread bytes is reset, and a client busy sending a
 * 100 000-character address may lose the answer with it.
 */
const LINGER_MS = 2000;

const answered = new WeakSet<Socket>();

interface Answer {
  status: number;
  reason: string;
  body: string;
}

const OVERFLOW: Answer = {
  status: 431,
  reason: 'Request Header Fields Too Large',
  body: launchErrorPage({
    title: LAUNCH_FAILED_TITLE,
    intro: 'L’adresse reçue est trop longue pour être lue :',
    errors: [
      {
        parameter: 'lien',
        message:
          'L’adresse de cette demande (ou ses en-têtes) dépasse la taille que la visionneuse accepte. Un lien d’ouverture de l’imagerie tient en quelques centaines de caractères : celui-ci a probablement été mal fabriqué par votre logiciel (DPI, RIS ou compte rendu).',
      },
    ],
    whatToDo: WHAT_TO_DO_AFTER_BAD_LINK,
  }),
};

const UNREADABLE: Answer = {
  status: 400,
  reason: 'Bad Request',
  body: launchErrorPage({
    title: 'Demande illisible',
    intro: 'La visionneuse n’a pas pu lire cette demande :',
    errors: [
      {
        parameter: 'requête',
        message:
          'Elle ne respecte pas le protocole HTTP (adresse, en-têtes ou corps mal formés). Si elle vient d’un lien de votre logiciel, ce lien est mal fabriqué.',
      },
    ],
    whatToDo: WHAT_TO_DO_AFTER_BAD_LINK,
  }),
};

const TIMEOUT: Answer = {
  status: 408,
  reason: 'Request Timeout',
  body: launchErrorPage({
    title: 'Demande interrompue',
    intro: 'La demande est arrivée trop lentement :',
    errors: [
      {
        parameter: 'réseau',
        message:
          'La connexion est restée trop longtemps sans finir d’envoyer sa demande. Réessayez dans un instant.',
      },
    ],
    whatToDo: ['Rechargez la page ou relancez l’ouverture depuis votre logiciel.'],
  }),
};

function answerOf(code: string): Answer {
  if (code === 'HPE_HEADER_OVERFLOW') return OVERFLOW;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return TIMEOUT;
  return UNREADABLE;
}

function rawResponse({ status, reason, body }: Answer): string {
  const headers = [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: text/html; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'Referrer-Policy: no-referrer',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${body}`;
}

/** Fastify's `clientErrorHandler`: called by Node's `clientError` event, before routing. */
export function answerClientError(
  this: FastifyInstance,
  err: ConnectionError,
  socket: Socket,
): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  // The parser stays in error and calls again for every chunk the client still sends.
  if (answered.has(socket)) return;
  answered.add(socket);
  // The code only: the error carries the raw request, address and all.
  this.log.debug({ code: err.code }, 'client error answered before routing');
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(rawResponse(answerOf(err.code)));
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
