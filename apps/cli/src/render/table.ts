// Tables through cli-table3, in one quiet style: a header underlined, columns apart, no boxes,
// so they stay readable when piped and copy well into issues.
import Table from 'cli-table3';
import type { Colors } from '../context.js';

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

export function renderTable(columns: readonly Column[], rows: readonly string[][], colors: Colors): string {
  const table = new Table({
    head: columns.map((c) => colors.bold(c.header)),
    colAligns: columns.map((c) => c.align ?? 'left'),
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2, compact: true },
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
      bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: '', 'left-mid': '', mid: '─', 'mid-mid': '─', right: '', 'right-mid': '', middle: '',
    },
  });
  table.push(...rows);
  // cli-table3 pads the last column too: trim each line's end.
  return table
    .toString()
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n');
}
