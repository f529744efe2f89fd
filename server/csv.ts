/**
 * The server's CSV files (the metrics export, the gradebook, the class comparison): one way to
 * write a cell and a file. Every file starts with a UTF-8 byte-order mark, whatever the reader's
 * language: without it Excel reads the file in the computer's legacy code page, and a student's
 * Chinese name or answer in an English file opens as mojibake.
 */

/** A UTF-8 byte-order mark: spreadsheets (Excel) then read the file as UTF-8. */
export const BOM = "\uFEFF";

/**
 * RFC 4180 quoting; text a spreadsheet would run as a formula (a leading =, +, -, @, tab or CR) is
 * prefixed with `'`. A plain number written as text (a score of -3.5 in the gradebook) is no
 * formula and stays a number the teacher can add up.
 */
export function csvCell(x: string | number): string {
  if (typeof x === "number") return Number.isFinite(x) ? String(x) : "";
  const safe = /^[=+\-@\t\r]/.test(x) && !/^-\d+(\.\d+)?$/.test(x) ? `'${x}` : x;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The file: the byte-order mark, then the rows with CRLF line ends. */
export function csvFile(rows: readonly (readonly (string | number)[])[]): string {
  return BOM + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
