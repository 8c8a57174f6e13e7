import { describe, expect, it } from 'vitest';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { accessLogEntry, serializeError, serializeRequest } from './logging';

const request = {
  method: 'GET',
  url: '/dicomweb/drimbox-nancy/studies?PatientID=258037512345653&PatientName=DUBOIS',
  raw: { url: '/dicomweb/drimbox-nancy/studies?PatientID=258037512345653&PatientName=DUBOIS' },
  headers: { authorization: 'Bearer eyJhbGciOi.secret.sig' },
  routeOptions: { url: '/dicomweb/:sourceId/*' },
  params: { sourceId: 'drimbox-nancy', '*': 'studies' },
} as unknown as FastifyRequest;
const reply = { statusCode: 200, elapsedTime: 12.7 } as unknown as FastifyReply;

describe('log serializers', () => {
  it('keep the route pattern and drop the query, token and names', () => {
    const logged = JSON.stringify([serializeRequest(request), accessLogEntry(request, reply)]);
    expect(serializeRequest(request)).toEqual({ method: 'GET', route: '/dicomweb/:sourceId/*' });
    expect(accessLogEntry(request, reply)).toEqual({
      method: 'GET',
      route: '/dicomweb/:sourceId/*',
      source: 'drimbox-nancy',
      status: 200,
      ms: 13,
    });
    expect(logged).not.toMatch(/PatientID|258037512345653|DUBOIS|Bearer|secret|\?/);
  });

  it('drop error messages, which may quote an upstream URL', () => {
    const err = Object.assign(
      new Error('GET http://127.0.0.1/dicom-web/studies?PatientID=1 failed'),
      {
        code: 'ECONNREFUSED',
      },
    );
    expect(JSON.stringify(serializeError(err))).not.toContain('PatientID');
  });
});
