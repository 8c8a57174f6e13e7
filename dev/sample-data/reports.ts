// The two report forms French sites exchange: a PDF (what most RIS print) and a CDA R2
// "Compte rendu d'imagerie" (what the DMP indexes). Both are built by hand, byte-stable:
// no creation dates, no producer strings, no random ids.

export interface ReportContext {
  title: string;
  lines: string[];
  patientName: string;
  birthDate: string;
  sex: 'F' | 'M';
  ins?: { id: string; issuer: string };
  localId: { id: string; issuer: string };
  studyDate: string;
  studyDescription: string;
  accessionNumber: string;
  institutionName: string;
  studyInstanceUID: string;
  documentUID: string;
  authorName: string;
}

function frenchDate(yyyymmdd: string): string {
  if (yyyymmdd.length !== 8) return 'date inconnue';
  return `${yyyymmdd.slice(6, 8)}/${yyyymmdd.slice(4, 6)}/${yyyymmdd.slice(0, 4)}`;
}

/** The report as plain text, exactly as the manifest publishes it. */
export function reportText(ctx: ReportContext): string {
  return [
    ctx.title,
    `Patient : ${ctx.patientName} (né(e) le ${frenchDate(ctx.birthDate)})`,
    `Examen : ${ctx.studyDescription} du ${frenchDate(ctx.studyDate)}`,
    `Établissement : ${ctx.institutionName}`,
    ...ctx.lines,
    `Compte rendu validé par Dr ${ctx.authorName}`,
  ].join('\n');
}

// WinAnsiEncoding is Latin-1 for French letters, except for a few punctuation marks.
const WIN_ANSI_EXTRA: Record<string, number> = {
  '’': 0x92,
  '‘': 0x91,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
  '€': 0x80,
  œ: 0x9c,
  Œ: 0x8c,
};

function winAnsi(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const extra = WIN_ANSI_EXTRA[ch];
    const code = ch.codePointAt(0) ?? 0x3f;
    if (extra !== undefined) bytes.push(extra);
    else if (code < 256) bytes.push(code);
    else bytes.push(0x3f);
  }
  return Buffer.from(bytes);
}

function pdfString(text: string): Buffer {
  const escaped = text.replace(/\\/g, '\\\\').replace(/\(/g, '\\(').replace(/\)/g, '\\)');
  return Buffer.concat([Buffer.from('('), winAnsi(escaped), Buffer.from(')')]);
}

function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) out.push(current);
  return out;
}

/** A one-page PDF 1.4 with Helvetica in WinAnsiEncoding; even length for DICOM OB. */
export function buildPdf(ctx: ReportContext): Buffer {
  const [first, ...rest] = reportText(ctx).split('\n');
  const ops: Buffer[] = [
    Buffer.from('BT\n/F2 16 Tf\n56 780 Td\n'),
    pdfString(first ?? ''),
    Buffer.from(' Tj\n'),
  ];
  ops.push(Buffer.from('/F1 11 Tf\n0 -28 Td\n'));
  for (const para of rest) {
    for (const l of wrap(para, 90)) {
      ops.push(pdfString(l), Buffer.from(' Tj\n0 -16 Td\n'));
    }
    ops.push(Buffer.from('0 -6 Td\n'));
  }
  ops.push(Buffer.from('ET\n'));
  const content = Buffer.concat(ops);
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R ' +
        '/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>',
    ),
    Buffer.concat([
      Buffer.from(`<< /Length ${content.length} >>\nstream\n`),
      content,
      Buffer.from('endstream'),
    ]),
    Buffer.from(
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    ),
    Buffer.from(
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    ),
    Buffer.concat([
      Buffer.from('<< /Title '),
      pdfString(ctx.title),
      Buffer.from(' /Lang (fr-FR) >>'),
    ]),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(obj);
    offset += obj.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>`,
    'startxref',
    String(offset),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref));
  const pdf = Buffer.concat(parts);
  return pdf.length % 2 === 0 ? pdf : Buffer.concat([pdf, Buffer.from('\n')]);
}

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A CDA R2 "Compte rendu d'imagerie" with a French narrative section; even length. */
export function buildCda(ctx: ReportContext): Buffer {
  const [family = '', given = ''] = ctx.patientName.split('^');
  const [authorFamily = '', authorGiven = ''] = ctx.authorName.split(' ').reverse();
  const patientId = ctx.ins
    ? `<id root="${ctx.ins.issuer}" extension="${ctx.ins.id}"/>`
    : `<id root="${ctx.localId.issuer}" extension="${ctx.localId.id}"/>`;
  const paragraphs = ctx.lines.map((l) => `          <paragraph>${xml(l)}</paragraph>`).join('\n');
  const doc = `<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <realmCode code="FR"/>
  <typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>
  <templateId root="2.16.840.1.113883.2.8.2.1"/>
  <templateId root="1.2.250.1.213.1.1.1.1"/>
  <id root="${ctx.documentUID}"/>
  <code code="18748-4" codeSystem="2.16.840.1.113883.6.1" displayName="Compte rendu d'imagerie médicale"/>
  <title>${xml(ctx.title)}</title>
  <effectiveTime value="${ctx.studyDate || '20261101'}120000+0100"/>
  <confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25"/>
  <languageCode code="fr-FR"/>
  <recordTarget>
    <patientRole>
      ${patientId}
      <patient>
        <name><family>${xml(family)}</family><given>${xml(given)}</given></name>
        <administrativeGenderCode code="${ctx.sex}" codeSystem="2.16.840.1.113883.5.1"/>
        <birthTime value="${ctx.birthDate}"/>
      </patient>
    </patientRole>
  </recordTarget>
  <author>
    <time value="${ctx.studyDate || '20261101'}120000+0100"/>
    <assignedAuthor>
      <id root="1.2.250.1.71.4.2.1" extension="899900067890"/>
      <assignedPerson><name><family>${xml(authorFamily)}</family><given>${xml(authorGiven)}</given></name></assignedPerson>
      <representedOrganization><name>${xml(ctx.institutionName)}</name></representedOrganization>
    </assignedAuthor>
  </author>
  <custodian>
    <assignedCustodian>
      <representedCustodianOrganization><name>${xml(ctx.institutionName)}</name></representedCustodianOrganization>
    </assignedCustodian>
  </custodian>
  <documentationOf>
    <serviceEvent>
      <id root="${ctx.studyInstanceUID}"/>
      <id root="1.2.250.1.213.1.1.9" extension="${xml(ctx.accessionNumber)}"/>
      <code code="${xml(ctx.studyDescription)}" displayName="${xml(ctx.studyDescription)}"/>
      <effectiveTime value="${ctx.studyDate || '20261101'}"/>
    </serviceEvent>
  </documentationOf>
  <component>
    <structuredBody>
      <component>
        <section>
          <code code="18782-3" codeSystem="2.16.840.1.113883.6.1" displayName="Compte rendu"/>
          <title>Compte rendu</title>
          <text>
${paragraphs}
          <paragraph>Compte rendu validé par Dr ${xml(ctx.authorName)}</paragraph>
          </text>
        </section>
      </component>
    </structuredBody>
  </component>
</ClinicalDocument>
`;
  const bytes = Buffer.from(doc, 'utf8');
  return bytes.length % 2 === 0 ? bytes : Buffer.concat([bytes, Buffer.from(' ')]);
}
