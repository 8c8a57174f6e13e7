// A CDA R2 report ("Compte rendu d'imagerie", CI-SIS) read into a plain tree the UI renders
// as React elements. Nothing of the XML reaches the page as markup: only the narrative
// elements CDA defines are mapped (paragraph, list, table, content, br, sub, sup, caption),
// attributes are dropped except styleCode and table spans (read as bounded values), and
// anything else — <script>, <iframe>, HTML in another namespace, event handlers — is
// either reduced to its text or dropped. Works over any DOM (the browser's DOMParser, or
// @xmldom/xmldom in node tests) through the few members it reads.

/** The members of a DOM node this module reads. */
export interface XmlNodeLike {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly localName?: string | null;
  readonly namespaceURI?: string | null;
  readonly nodeValue: string | null;
  readonly childNodes: ArrayLike<XmlNodeLike>;
  getAttribute?(name: string): string | null;
}

export const CDA_NAMESPACE = 'urn:hl7-org:v3';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** Nesting beyond this is not a report a person wrote: the rest is cut, not recursed into. */
const MAX_DEPTH = 48;

export type TextStyle = 'bold' | 'italic' | 'underline' | 'emphasis' | 'sub' | 'sup';

export type NarrativeNode =
  | { kind: 'text'; text: string }
  | { kind: 'break' }
  | { kind: 'styled'; styles: TextStyle[]; children: NarrativeNode[] }
  | { kind: 'paragraph'; children: NarrativeNode[] }
  | { kind: 'caption'; children: NarrativeNode[] }
  | { kind: 'list'; ordered: boolean; caption: NarrativeNode[]; items: NarrativeNode[][] }
  | {
      kind: 'table';
      caption: NarrativeNode[];
      head: NarrativeRow[];
      body: NarrativeRow[];
    };

export interface NarrativeCell {
  header: boolean;
  colSpan: number;
  rowSpan: number;
  children: NarrativeNode[];
}

export type NarrativeRow = NarrativeCell[];

export interface CdaSection {
  title: string;
  narrative: NarrativeNode[];
  sections: CdaSection[];
}

export interface CdaReport {
  title: string;
  /** ISO 8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM) of the document, '' if none. */
  effectiveTime: string;
  authors: string[];
  organization: string;
  patientName: string;
  /** ISO date, '' if none. */
  patientBirthDate: string;
  sections: CdaSection[];
}

export type CdaReadResult = { ok: true; report: CdaReport } | { ok: false; problem: 'notCda' };

function nameOf(node: XmlNodeLike): string {
  const local = node.localName ?? node.nodeName.split(':').pop() ?? '';
  return local;
}

/** A CDA element: in the HL7 v3 namespace, or in none (some producers omit it). */
function isCda(node: XmlNodeLike, name?: string): boolean {
  if (node.nodeType !== ELEMENT_NODE) return false;
  const ns = node.namespaceURI ?? null;
  if (ns !== null && ns !== CDA_NAMESPACE) return false;
  return name === undefined || nameOf(node) === name;
}

function children(node: XmlNodeLike): XmlNodeLike[] {
  return Array.from(node.childNodes);
}

function child(node: XmlNodeLike | undefined, ...path: string[]): XmlNodeLike | undefined {
  let current = node;
  for (const name of path) {
    if (!current) return undefined;
    current = children(current).find((c) => isCda(c, name));
  }
  return current;
}

function childrenNamed(node: XmlNodeLike | undefined, name: string): XmlNodeLike[] {
  return node ? children(node).filter((c) => isCda(c, name)) : [];
}

function attr(node: XmlNodeLike | undefined, name: string): string {
  return node?.getAttribute?.(name) ?? '';
}

function collapse(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ');
}

/** All text under a node, whitespace collapsed; script-like elements contribute nothing. */
function plainText(node: XmlNodeLike | undefined, depth = 0): string {
  if (!node || depth > MAX_DEPTH) return '';
  if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
    return node.nodeValue ?? '';
  }
  if (node.nodeType !== ELEMENT_NODE || DROPPED.has(nameOf(node).toLowerCase())) return '';
  return children(node)
    .map((c) => plainText(c, depth + 1))
    .join('');
}

function oneLine(node: XmlNodeLike | undefined): string {
  return collapse(plainText(node)).trim();
}

/** Elements whose content is code or an embedded document, never narrative. */
const DROPPED = new Set(['script', 'style', 'iframe', 'object', 'embed', 'frame', 'frameset']);

/** HL7 styleCode values (NarrativeBlock) that have a meaning on screen. */
const STYLE_CODES: Readonly<Record<string, TextStyle>> = {
  bold: 'bold',
  italics: 'italic',
  underline: 'underline',
  emphasis: 'emphasis',
};

function stylesOf(node: XmlNodeLike): TextStyle[] {
  const out: TextStyle[] = [];
  for (const code of attr(node, 'styleCode').split(/\s+/)) {
    const style = Object.hasOwn(STYLE_CODES, code.toLowerCase())
      ? STYLE_CODES[code.toLowerCase()]
      : undefined;
    if (style && !out.includes(style)) out.push(style);
  }
  return out;
}

function span(value: string): number {
  const n = /^\d{1,3}$/.test(value.trim()) ? Number(value) : 1;
  return n >= 1 && n <= 100 ? n : 1;
}

/** Joins adjacent text, collapses whitespace, trims at block edges, drops empty text. */
function tidy(nodes: NarrativeNode[]): NarrativeNode[] {
  const merged: NarrativeNode[] = [];
  for (const n of nodes) {
    const last = merged[merged.length - 1];
    if (n.kind === 'text' && last?.kind === 'text') last.text += n.text;
    else merged.push(n.kind === 'text' ? { kind: 'text', text: n.text } : n);
  }
  const out: NarrativeNode[] = [];
  for (const n of merged) {
    if (n.kind !== 'text') {
      out.push(n);
      continue;
    }
    const text = collapse(n.text);
    if (text.trim() !== '') out.push({ kind: 'text', text });
    // Whitespace between inline parts is a word gap; between blocks it means nothing.
    else if (text !== '' && out.length > 0) out.push({ kind: 'text', text: ' ' });
  }
  const isBlock = (n: NarrativeNode | undefined) =>
    n !== undefined && (n.kind === 'paragraph' || n.kind === 'list' || n.kind === 'table');
  return out
    .filter(
      (n, i) =>
        !(
          n.kind === 'text' &&
          n.text === ' ' &&
          (isBlock(out[i - 1]) || isBlock(out[i + 1]) || i === out.length - 1)
        ),
    )
    .map((n, i, all): NarrativeNode => {
      if (n.kind !== 'text') return n;
      let text = n.text;
      if (i === 0 || isBlock(all[i - 1]) || all[i - 1]?.kind === 'break') text = text.trimStart();
      if (i === all.length - 1 || isBlock(all[i + 1]) || all[i + 1]?.kind === 'break') {
        text = text.trimEnd();
      }
      return { kind: 'text', text };
    })
    .filter((n) => n.kind !== 'text' || n.text !== '');
}

function readCaption(node: XmlNodeLike, depth: number): NarrativeNode[] {
  const caption = child(node, 'caption');
  return caption ? tidy(readNodes(children(caption), depth + 1)) : [];
}

function readRows(section: XmlNodeLike | undefined, depth: number): NarrativeRow[] {
  return childrenNamed(section, 'tr').map((tr) =>
    children(tr)
      .filter((c) => isCda(c, 'td') || isCda(c, 'th'))
      .map((cell) => ({
        header: nameOf(cell) === 'th',
        colSpan: span(attr(cell, 'colspan')),
        rowSpan: span(attr(cell, 'rowspan')),
        children: tidy(readNodes(children(cell), depth + 2)),
      })),
  );
}

function readElement(node: XmlNodeLike, depth: number): NarrativeNode[] {
  const name = nameOf(node);
  if (DROPPED.has(name.toLowerCase())) return [];
  // HTML or anything from another namespace is not narrative: its text stays, nothing else.
  if (!isCda(node)) return readNodes(children(node), depth + 1);
  switch (name) {
    case 'br':
      return [{ kind: 'break' }];
    case 'paragraph':
      return [{ kind: 'paragraph', children: tidy(readNodes(children(node), depth + 1)) }];
    case 'caption':
      return [{ kind: 'caption', children: tidy(readNodes(children(node), depth + 1)) }];
    case 'content': {
      const inner = readNodes(children(node), depth + 1);
      const styles = stylesOf(node);
      return styles.length > 0 ? [{ kind: 'styled', styles, children: inner }] : inner;
    }
    case 'sub':
    case 'sup':
      return [{ kind: 'styled', styles: [name], children: readNodes(children(node), depth + 1) }];
    case 'list':
      return [
        {
          kind: 'list',
          ordered: attr(node, 'listType') === 'ordered',
          caption: readCaption(node, depth),
          items: childrenNamed(node, 'item').map((item) =>
            tidy(readNodes(children(item), depth + 2)),
          ),
        },
      ];
    case 'table': {
      const head = childrenNamed(node, 'thead').flatMap((s) => readRows(s, depth + 1));
      const body = [
        ...readRows(node, depth + 1),
        ...childrenNamed(node, 'tbody').flatMap((s) => readRows(s, depth + 1)),
        ...childrenNamed(node, 'tfoot').flatMap((s) => readRows(s, depth + 1)),
      ];
      return [{ kind: 'table', caption: readCaption(node, depth), head, body }];
    }
    // Pointers to other parts of the document: a footnote keeps its text, the rest goes.
    case 'footnote':
      return [
        { kind: 'text', text: ' (' },
        ...readNodes(children(node), depth + 1),
        { kind: 'text', text: ')' },
      ];
    case 'renderMultiMedia':
    case 'footnoteRef':
    case 'col':
    case 'colgroup':
      return [];
    // linkHtml and anything unknown: the words stay, the link or markup does not.
    default:
      return readNodes(children(node), depth + 1);
  }
}

function readNodes(nodes: XmlNodeLike[], depth: number): NarrativeNode[] {
  if (depth > MAX_DEPTH) return [];
  const out: NarrativeNode[] = [];
  for (const node of nodes) {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      out.push({ kind: 'text', text: node.nodeValue ?? '' });
    } else if (node.nodeType === ELEMENT_NODE) {
      out.push(...readElement(node, depth));
    }
  }
  return out;
}

/** The narrative block of a section's `text` element, as a safe tree. */
export function readNarrative(text: XmlNodeLike | undefined): NarrativeNode[] {
  if (!text) return [];
  return tidy(readNodes(children(text), 0));
}

function readSection(section: XmlNodeLike, depth: number): CdaSection {
  return {
    title: oneLine(child(section, 'title')),
    narrative: readNarrative(child(section, 'text')),
    sections:
      depth >= MAX_DEPTH
        ? []
        : childrenNamed(section, 'component')
            .map((c) => child(c, 'section'))
            .filter((s): s is XmlNodeLike => s !== undefined)
            .map((s) => readSection(s, depth + 1)),
  };
}

/** HL7 TS (YYYYMMDD[HHMM[SS]][±ZZZZ]) → YYYY-MM-DD or YYYY-MM-DDTHH:MM, '' if not a date. */
export function hl7Time(value: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2}))?/.exec(value.trim());
  if (!m) return '';
  const [, y, mo, d, h, mi] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return '';
  const datePart = `${y}-${mo}-${d}`;
  if (h === undefined || mi === undefined || Number(h) > 23 || Number(mi) > 59) return datePart;
  return `${datePart}T${h}:${mi}`;
}

/** "Given FAMILY" from an HL7 PN: prefixes and suffixes kept, parts in their order. */
function personName(name: XmlNodeLike | undefined): string {
  if (!name) return '';
  const parts = children(name).filter((c) => isCda(c));
  if (parts.length === 0) return oneLine(name);
  const byKind = (kind: string) =>
    parts
      .filter((p) => nameOf(p) === kind)
      .map((p) => oneLine(p))
      .filter((s) => s !== '');
  return [...byKind('prefix'), ...byKind('given'), ...byKind('family'), ...byKind('suffix')].join(
    ' ',
  );
}

function nonXmlBodySection(body: XmlNodeLike): CdaSection | null {
  const text = child(body, 'text');
  if (!text) return null;
  const mediaType = attr(text, 'mediaType') || 'text/plain';
  if (mediaType !== 'text/plain' || attr(text, 'representation').toUpperCase() === 'B64') {
    return null;
  }
  const lines = plainText(text).split(/\r?\n/);
  const narrative: NarrativeNode[] = [];
  for (const line of lines) {
    const t = collapse(line).trim();
    if (t !== '') narrative.push({ kind: 'paragraph', children: [{ kind: 'text', text: t }] });
  }
  return { title: '', narrative, sections: [] };
}

/** Reads a parsed CDA document; `root` is its document element. */
export function readCdaReport(root: XmlNodeLike | null | undefined): CdaReadResult {
  if (!root || !isCda(root, 'ClinicalDocument')) return { ok: false, problem: 'notCda' };
  const patient = child(root, 'recordTarget', 'patientRole', 'patient');
  const authors = childrenNamed(root, 'author')
    .map((a) => personName(child(a, 'assignedAuthor', 'assignedPerson', 'name')))
    .filter((n) => n !== '');
  const organization =
    oneLine(child(root, 'author', 'assignedAuthor', 'representedOrganization', 'name')) ||
    oneLine(
      child(root, 'custodian', 'assignedCustodian', 'representedCustodianOrganization', 'name'),
    );

  const body = child(root, 'component');
  const structured = child(body, 'structuredBody');
  let sections: CdaSection[] = [];
  if (structured) {
    sections = childrenNamed(structured, 'component')
      .map((c) => child(c, 'section'))
      .filter((s): s is XmlNodeLike => s !== undefined)
      .map((s) => readSection(s, 0));
  } else {
    const nonXml = child(body, 'nonXMLBody');
    const section = nonXml ? nonXmlBodySection(nonXml) : null;
    if (section) sections = [section];
  }

  return {
    ok: true,
    report: {
      title: oneLine(child(root, 'title')),
      effectiveTime: hl7Time(attr(child(root, 'effectiveTime'), 'value')),
      authors,
      organization,
      patientName: personName(child(patient, 'name')),
      patientBirthDate: hl7Time(attr(child(patient, 'birthTime'), 'value')).slice(0, 10),
      sections,
    },
  };
}

/** The whole narrative as plain text, one block per line: for search and for tests. */
export function narrativeText(nodes: readonly NarrativeNode[]): string {
  const lines: string[] = [];
  let line = '';
  const flush = () => {
    if (line.trim() !== '') lines.push(line.trim());
    line = '';
  };
  const walk = (list: readonly NarrativeNode[]) => {
    for (const n of list) {
      switch (n.kind) {
        case 'text':
          line += n.text;
          break;
        case 'break':
          flush();
          break;
        case 'styled':
          walk(n.children);
          break;
        case 'paragraph':
        case 'caption':
          flush();
          walk(n.children);
          flush();
          break;
        case 'list':
          flush();
          walk(n.caption);
          flush();
          for (const item of n.items) {
            walk(item);
            flush();
          }
          break;
        case 'table':
          flush();
          walk(n.caption);
          flush();
          for (const row of [...n.head, ...n.body]) {
            line = row.map((c) => narrativeText(c.children).replace(/\n/g, ' ')).join(' | ');
            flush();
          }
          break;
      }
    }
  };
  walk(nodes);
  flush();
  return lines.join('\n');
}
