// A CDA narrative (already reduced to a safe tree by the domain) as React elements: every
// string goes into the page as text, never as markup.
import type { ReactNode } from 'react';
import type { NarrativeNode, NarrativeRow, TextStyle } from '../../../domain/reports/cdaNarrative';
import styles from './StudyReportPanel.module.css';

function styled(style: TextStyle, child: ReactNode): ReactNode {
  switch (style) {
    case 'bold':
      return <strong>{child}</strong>;
    case 'italic':
      return <i>{child}</i>;
    case 'underline':
      return <u>{child}</u>;
    case 'emphasis':
      return <em>{child}</em>;
    case 'sub':
      return <sub>{child}</sub>;
    case 'sup':
      return <sup>{child}</sup>;
  }
}

function Rows({ rows }: { rows: NarrativeRow[] }) {
  return rows.map((row, r) => (
    <tr key={r}>
      {row.map((cell, c) => {
        const content = <Nodes nodes={cell.children} />;
        return cell.header ? (
          <th key={c} colSpan={cell.colSpan} rowSpan={cell.rowSpan} scope="col">
            {content}
          </th>
        ) : (
          <td key={c} colSpan={cell.colSpan} rowSpan={cell.rowSpan}>
            {content}
          </td>
        );
      })}
    </tr>
  ));
}

function Node({ node }: { node: NarrativeNode }): ReactNode {
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'break':
      return <br />;
    case 'styled':
      return node.styles.reduceRight<ReactNode>(
        (inner, style) => styled(style, inner),
        <Nodes nodes={node.children} />,
      );
    case 'paragraph':
      return (
        <p>
          <Nodes nodes={node.children} />
        </p>
      );
    case 'caption':
      return (
        <p className={styles.caption}>
          <Nodes nodes={node.children} />
        </p>
      );
    case 'list': {
      const items = node.items.map((item, i) => (
        <li key={i}>
          <Nodes nodes={item} />
        </li>
      ));
      return (
        <>
          {node.caption.length > 0 && (
            <p className={styles.caption}>
              <Nodes nodes={node.caption} />
            </p>
          )}
          {node.ordered ? <ol>{items}</ol> : <ul>{items}</ul>}
        </>
      );
    }
    case 'table':
      return (
        // A wide table scrolls inside the panel instead of widening the page on a phone.
        <div className={styles.tableScroll} tabIndex={0}>
          <table className={styles.table}>
            {node.caption.length > 0 && (
              <caption>
                <Nodes nodes={node.caption} />
              </caption>
            )}
            {node.head.length > 0 && (
              <thead>
                <Rows rows={node.head} />
              </thead>
            )}
            <tbody>
              <Rows rows={node.body} />
            </tbody>
          </table>
        </div>
      );
  }
}

export function Nodes({ nodes }: { nodes: readonly NarrativeNode[] }) {
  return nodes.map((node, i) => <Node key={i} node={node} />);
}
