import { Table } from '@mantine/core';
import type { ChartTable } from '#domain/charts/chart-spec';

interface DataTableProps {
  table: ChartTable;
  id?: string;
  captionHidden?: boolean;
  className?: string;
}

/**
 * A chart's data as a table: a caption, column headers, the first cell of each row as its
 * header, and below it what its marks mean. The wrapper scrolls sideways on a phone and takes the
 * keyboard focus so that it can be scrolled without a mouse.
 */
export function DataTable({ table, id, captionHidden = false, className }: DataTableProps) {
  return (
    <div className="data-table-block" id={id}>
      <div className="data-table-scroll" tabIndex={0} role="group" aria-label={table.caption}>
        <Table
          striped
          withTableBorder
          withColumnBorders={false}
          verticalSpacing={6}
          horizontalSpacing="sm"
          className={className ? `data-table ${className}` : 'data-table'}
        >
          <caption className={captionHidden ? 'visually-hidden' : 'data-table-caption'}>{table.caption}</caption>
          <Table.Thead>
            <Table.Tr>
              {table.columns.map((column, index) => (
                <Table.Th key={index} scope="col">
                  {column}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.rows.map((row, rowIndex) => (
              <Table.Tr key={rowIndex}>
                {row.map((cell, index) =>
                  index === 0 ? (
                    <Table.Th key={index} scope="row" fw={500}>
                      {cell}
                    </Table.Th>
                  ) : (
                    <Table.Td key={index} className="data-table-value">
                      {cell}
                    </Table.Td>
                  ),
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      {table.notes.length > 0 && (
        <ul className="chart-notes data-table-notes">
          {table.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
