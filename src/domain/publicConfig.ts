// What the gateway serves at /config.json: the region's settings a browser may know.
// Upstream URLs and credentials stay on the server (server/config/) and never appear here.

export type SourceKind = 'drimbox' | 'regional';

/** Which QIDO-RS query features a source really honours (Orthanc's DICOMweb 1.7 has quirks). */
export interface QidoCapabilities {
  /** `IssuerOfPatientID` works as a matching key. */
  issuerOfPatientId: boolean;
  /** `ModalitiesInStudy=CT,MR` filters at study level. */
  modalitiesInStudy: boolean;
  /** `StudyDate=A-B` ranges work. */
  studyDateRange: boolean;
  /** `BodyPartExamined` filters at study level (Orthanc: no, series level only). */
  bodyPartAtStudyLevel: boolean;
  /** The source stops at this many results per query; more means "≥ N". */
  maxResults: number;
}

export interface PublicSource {
  id: string;
  label: string;
  kind: SourceKind;
  qido: QidoCapabilities;
  timeoutMs: number;
}

/** The element of index.html the gateway writes these settings into, as JSON. */
export const INLINE_CONFIG_ID = 'drim-config';

export interface IdpEndpoints {
  authorization: string;
  token: string;
  endSession?: string;
}

export interface PublicConfig {
  region: { name: string };
  idp: {
    issuer: string;
    clientId: string;
    scope: string;
    /** Sent as acr_values when the regional IdP needs it (e.g. eidas1 behind Pro Santé Connect). */
    acrValues?: string;
    /**
     * The IdP's browser endpoints as the gateway read them from its discovery document:
     * the SPA then signs in without asking for it first. Absent, the SPA discovers them.
     */
    endpoints?: IdpEndpoints;
  };
  sources: PublicSource[];
  /**
   * Local stack only: its identities are test INS (CONTRACTS.md), so the patient search
   * proposes their OID first.
   */
  demo?: { insOid: string };
}
