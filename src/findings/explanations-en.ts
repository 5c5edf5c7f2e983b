// The English text of each finding code's longer explanation (the French, and the examples, are in explanations.ts).
import type { Explanation } from './explanations.js';

/**
 * The texts of an explanation in one more language. The example is the French entry's; `example.params`
 * replaces those of its params that carry text in a language (a detail, a reason), for the English docs.
 */
export type ExplanationText = Omit<Explanation, 'example'> & {
  example?: { params?: Record<string, unknown> };
};

const SAVE_UTF8_EXCEL =
  'File › Save As, type "CSV UTF-8 (Comma delimited) (*.csv)". The type "CSV (Comma delimited) (*.csv)" writes Windows-1252.';
const SAVE_UTF8_CALC =
  'File › Save As, type "Text CSV (.csv)", tick "Edit filter settings", then choose the character set "Unicode (UTF-8)".';
const FIND_EXCEL =
  'Data › Filter, then in the column’s drop-down arrow untick the correct values to keep only the rows to fix; Ctrl+H (Find and Replace) fixes the same mistake everywhere.';
const FIND_CALC =
  'Data › AutoFilter to show only the rows to fix; Edit › Find & Replace (Ctrl+H), with "Regular expressions" if needed, fixes the same mistake everywhere.';
const SCHEMA_ONLY = 'Nothing to fix in your data: the problem is in the schema.';

const siret: ExplanationText = {
  explain:
    'A SIRET number identifies an establishment: 14 digits (the company’s SIREN, then 5 digits), the last of which is a check digit (Luhn algorithm). A number that does not have 14 digits, or whose check digit does not match, is wrong: often a leading zero lost by the spreadsheet, a digit typed twice, or a number written in scientific notation (2.1E+13).',
  excel:
    'before typing or pasting, set the column to Text (right-click › Format Cells › Text): Excel then keeps the leading zeros and no longer writes 2.17E+13. Check the number on annuaire-entreprises.data.gouv.fr.',
  libreoffice:
    'Format › Cells › Numbers › category "Text" before typing; when opening a CSV, choose the type "Text" for the column in the import window.',
  odf: 'odf normalize puts back lost zeros and undoes scientific notation when the result is a valid SIRET; it never suggests a number whose check digit is wrong.',
};

const siren: ExplanationText = {
  explain:
    'A SIREN number identifies a company or a local authority: 9 digits, the last of which is a check digit (Luhn algorithm). A number of another length, or with a wrong check digit, designates no one.',
  excel: 'set the column to Text (right-click › Format Cells › Text) to keep the leading zeros.',
  libreoffice: 'Format › Cells › Numbers › category "Text" before typing, or when importing the CSV.',
};

const actes: ExplanationText = {
  explain:
    'Council decisions classify their subject in the ACTES nomenclature of the prefecture’s legality review (contrôle de légalité): "subject/sub-subject", the subject being one of the nine top-level subjects, written in French as the nomenclature names them (Commande publique, Urbanisme, Domaine et patrimoine, Fonction publique, Institutions et vie politique, Libertés publiques et pouvoirs de police, Finances locales, Domaines de compétences par thèmes, Autres domaines de compétences).',
  excel: `copy the subject from your electronic transmission software (@ctes); ${FIND_EXCEL}`,
  libreoffice: `copy the subject from your electronic transmission software (@ctes); ${FIND_CALC}`,
};

/**
 * One English text per code of EXPLANATIONS (a test checks none is missing, and that each has the same
 * parts as the French: explain, excel, libreoffice, schema, odf). Menu paths are those of the English
 * Excel and LibreOffice; codes, options and schema names stay as they are.
 */
export const EXPLANATIONS_EN: Record<string, ExplanationText> = {
  'ambiguous-label': {
    explain:
      'A header of the file matches two fields of the schema equally well, or two columns match the same field: odf does not guess which one feeds what, and does not check these columns as that field.',
    excel: 'rename the headers (first row) so that they carry exactly the names of the schema’s fields.',
    libreoffice: 'rename the headers (first row) so that they carry exactly the names of the fields.',
    odf: '`odf map` writes a mapping file that says which column feeds which field; pass it with --map.',
  },
  'blank-label': {
    explain:
      'A column has no name in the header row. Without a name, nobody knows what it holds, and it cannot match any field of the schema. It is often an empty column left to the right of the table.',
    excel:
      'select the column (click its letter) › right-click › Delete if it is empty; otherwise type its name in the first row.',
    libreoffice: 'right-click the column’s letter › Delete Columns, or name it in the first row.',
    odf: 'odf normalize removes columns that have no name and are empty.',
  },
  'blank-row': {
    explain:
      'A data row is entirely empty. CSV readers count it as a record without values, which skews totals and can hide the end of the table.',
    excel:
      'Home › Find & Select › Go To Special… › "Blanks", then right-click › Delete › Entire row (on a column that is always filled).',
    libreoffice:
      'Data › More Filters › Standard Filter "column = Empty", select the rows found, then Sheet › Delete Rows.',
    odf: 'odf normalize deletes empty rows and counts them.',
  },
  'c1-control-characters': {
    explain:
      'Invisible control characters (U+0080 to U+009F) are in the text: the trace of a Windows-1252 file read as ISO-8859-1, where the dash "–", the apostrophe "’" or "€" have become characters with no shape. Published as they are, they show as boxes or disappear.',
    excel: SAVE_UTF8_EXCEL,
    libreoffice: SAVE_UTF8_CALC,
    odf: 'odf normalize replaces each character with the one it stood for in Windows-1252.',
  },
  'cell-outside-table': {
    explain:
      'In a workbook, a filled cell lies to the left of the table’s first column, under no header: odf does not know which field it belongs to and ignores it. It is often a note or a total placed beside the table.',
    excel: 'move the value into a column of the table, or clear the cell (a note belongs on another sheet).',
    libreoffice: 'move the value into a column of the table, or clear the cell.',
  },
  'cell-too-long': {
    explain:
      'A cell is longer than odf reads per cell (a limit that protects it from malicious files): only its beginning is read, and the rest is lost to the checks. Text that long is often an accidental paste or a quote that was never closed.',
    excel:
      'check the cell (Ctrl+F on the beginning of its text); a quote opened in the middle of a text can swallow the following rows.',
    libreoffice: 'check the cell; a quote opened in the middle of a text can swallow the following rows.',
    odf: 'if the cell is right, run again with --max-cell-length.',
  },
  'header-blank': {
    explain:
      'The header row contains only spaces: no column has a name. odf keeps it as the header (the following rows remain data, nothing is lost) but no column can match the schema.',
    excel: 'type the name of each column in the first row, exactly as the schema’s fields.',
    libreoffice: 'type the name of each column in the first row, exactly as the schema’s fields.',
  },
  'line-too-long': {
    explain:
      'A line of the file is longer than odf reads without a line ending (a limit that protects it from malicious files): the rest is ignored up to the next line ending. Often an export whose line endings were lost (the whole file on one line).',
    excel: 'reopen the original export: Data › From Text/CSV recognises Windows, Mac and Unix line endings.',
    libreoffice:
      'reopen the original export in Calc, which recognises Windows, Mac and Unix line endings, then save it again as CSV.',
    odf: 'if the line is right, run again with --max-line-length.',
  },
  'sheet-choice-ambiguous': {
    explain:
      'Several sheets of the workbook look like the expected table: odf reads the one with the most data rows and says so, so that you can check it is the right one.',
    odf: 'choose the sheet with --sheet NAME or --sheet NUMBER.',
  },
  'table-beyond-limits': {
    explain:
      'The table goes beyond the limits odf reads (columns, or rows of a sheet, as a spreadsheet does): the cells beyond them are ignored. It is almost always a stray cell very far to the right or at the bottom, which stretches the table for no reason.',
    excel: 'Ctrl+End shows the last cell in use: delete the empty columns or rows up to it, then save.',
    libreoffice: 'Ctrl+End shows the last cell in use: delete the empty columns or rows up to it, then save.',
    odf: 'if the table really is that large, run again with --max-columns or --max-rows.',
  },
  'check-deprecated': {
    explain:
      'The schema declares a custom check (Validata’s custom_checks) under an old name. odf runs it anyway; the warning is for the schema’s authors and changes neither conformity nor the score.',
    schema: 'replace the old name with the new one in `custom_checks` (for example `"name": "siret"`).',
    odf: SCHEMA_ONLY,
  },
  'check-error': {
    explain:
      'A custom check of the schema cannot run: its name is unknown or its parameters are wrong (a column that does not exist, an unexpected type). The other checks run; this one does not, which can let errors through.',
    schema:
      'fix `custom_checks`: a name from Validata’s list, and parameters that name fields of the schema.',
  },
  'cohesive-columns-value': {
    explain:
      'The schema asks for some columns to be filled together: all or none (for example a reference and its date). A row fills only some of them.',
    excel: `fill in the row’s empty cells, or clear the others. ${FIND_EXCEL}`,
    libreoffice: `fill in the row’s empty cells, or clear the others. ${FIND_CALC}`,
  },
  'compare-columns-value': {
    explain:
      'The schema compares two columns of the same row (an end date after the start date, an amount paid at most equal to the amount voted) and the comparison is false for this row.',
    excel:
      'fix one of the two values; a check column `=B2<=A2` then a filter on FALSE shows every row concerned.',
    libreoffice:
      'fix one of the two values; a check column `=B2<=A2` then an AutoFilter on FALSE shows every row concerned.',
  },
  'constraint-error': {
    explain:
      'The value has the right type but breaks a rule of the field: a required cell left empty (required), a value outside the allowed list (enum), too short or too long, outside the bounds (minimum, maximum), or of a different shape from the pattern (pattern). The message says which.',
    excel:
      'for a list of values, Data › Data Validation › Allow "List" with the schema’s values prevents typing any others; ' +
      FIND_EXCEL,
    libreoffice: `for a list of values, Data › Validity › Allow "Cell range" or "List". ${FIND_CALC}`,
    odf: 'odf normalize fixes what is safe: the case and accents of a list value, spaces around a value.',
  },
  'double-encoded-text': {
    explain:
      'Accents appear as "Ã©" instead of "é": the text was encoded in UTF-8 twice, often because a UTF-8 file was reopened as Windows-1252 and then saved again. Readers will see these characters as they are.',
    excel:
      'do not fix it by hand: reopen the original export with Data › From Text/CSV, choosing "65001: Unicode (UTF-8)" as the File Origin.',
    libreoffice:
      'reopen the original export, choosing the character set "Unicode (UTF-8)" in the CSV import window.',
    odf: 'odf normalize repairs double encoding when it is certain.',
  },
  'duplicate-label': {
    explain:
      'Two columns have the same header name. A reader cannot tell which one is right, and most tools keep only one of them.',
    excel: 'rename or delete one of the two columns (right-click its letter › Delete).',
    libreoffice: 'rename or delete one of the two columns (right-click its letter › Delete Columns).',
  },
  'encoding-error': {
    explain:
      'Some bytes of the file do not form valid characters in the encoding read: the file is damaged, truncated, or in another encoding than the one detected. Unreadable characters are replaced with "�".',
    excel: SAVE_UTF8_EXCEL,
    libreoffice: SAVE_UTF8_CALC,
    odf: 'if you know the encoding, give it with --encoding (for example --encoding windows-1252).',
  },
  'encoding-guessed': {
    explain:
      'The file does not state its encoding (no BOM) and odf guessed it from its bytes, with the confidence shown. If the accents in the report are wrong, so is the guess.',
    excel: SAVE_UTF8_EXCEL,
    libreoffice: SAVE_UTF8_CALC,
    odf: 'give the encoding with --encoding if the guess is wrong.',
  },
  'encoding-not-utf8': {
    explain:
      'The file is readable but not in UTF-8, the encoding expected for open data (schema.data.gouv.fr, data.gouv.fr). A reader who opens it as UTF-8 will see broken accents.',
    excel: SAVE_UTF8_EXCEL,
    libreoffice: SAVE_UTF8_CALC,
    odf: 'odf normalize always writes UTF-8.',
  },
  'extra-cell': {
    explain:
      'A row has more cells than the header has columns. Most often a value contains the separator (a comma in an address, a semicolon in a label) without being enclosed in quotes, and the row is split into too many pieces.',
    excel:
      'save again from the spreadsheet (it adds the quotes itself) rather than editing the CSV in a text editor.',
    libreoffice: 'when saving as CSV, tick "Quote all text cells" in the filter settings.',
  },
  'extra-label': {
    explain:
      'A column of the file matches no field of the schema. It is not checked; depending on the schema, publishing platforms tolerate an extra column or not.',
    excel: 'delete the column if it is not to be published (right-click its letter › Delete).',
    libreoffice: 'delete the column if it is not to be published (right-click its letter › Delete Columns).',
    odf: 'odf normalize removes the columns outside the schema (--keep-extra keeps them); if it feeds a field under another name, say so with `odf map`.',
  },
  'foreign-key': {
    explain:
      'The schema says that a column refers to another one (a foreign key within the same table) and this value is found nowhere in the referenced column.',
    excel:
      'look for the value with Ctrl+F in the referenced column; fix it or add the missing row. `=COUNTIF(A:A,B2)=0` flags the orphan values.',
    libreoffice:
      '`=COUNTIF(A:A;B2)=0` in a check column flags the orphan values; fix them or add the missing rows.',
  },
  'format-error': {
    explain:
      'The CSV syntax is broken at this point: an opening quote is never closed (the rest of the file would be swallowed into a single cell), or a quote appears in the middle of a cell. odf reads on as best it can and reports it.',
    excel:
      'open the file in the spreadsheet, fix the cell, then save it again as CSV: the spreadsheet writes the quotes correctly.',
    libreoffice:
      'open the file in Calc, fix the cell, then save it again as CSV: Calc writes the quotes correctly.',
  },
  'formula-like-text': {
    explain:
      'Excel and LibreOffice run a CSV cell that starts with =, or with +, - or @ followed by a function call, as a formula: =HYPERLINK(…) can send data elsewhere, =cmd|… can start a program (CSV injection, OWASP). This text will be published, then opened by others in their spreadsheet. Numbers (-5, +3.5), phone numbers (+33 1 23 45 67 89) and handles (@mairie) are not concerned.',
    excel:
      "check where the value comes from; to keep a text that starts with =, type an apostrophe before it ('=…), or set the column to Text before typing.",
    libreoffice: 'type an apostrophe before the value, or Format › Cells › category "Text" before typing.',
    odf: 'odf normalize never creates a formula when it repairs a cell; `odf normalize --escape-formulas` prefixes such cells with an apostrophe, as OWASP advises.',
  },
  'french-gps-coordinates': {
    explain:
      'The schema expects coordinates in France (mainland and overseas) written "longitude, latitude" in decimal degrees. This point is elsewhere, or unreadable: often a forgotten sign, a decimal comma, or coordinates in Lambert 93.',
    excel:
      'take the coordinates again from geoportail.gouv.fr or your GIS in WGS 84 (EPSG:4326), in decimal degrees with a point.',
    libreoffice:
      'take the coordinates again in WGS 84 (EPSG:4326), in decimal degrees with a point; Ctrl+H replaces decimal commas.',
  },
  'french-siren-value': siren,
  'french-siret-value': siret,
  'header-rows-skipped': {
    explain:
      'Title rows or empty rows come before the row of column names. odf skipped them to find the header, but a CSV reader would take them for the header. The line numbers in the report remain those of your file.',
    excel: 'select the rows above the header (click their numbers) › right-click › Delete.',
    libreoffice: 'select the rows above the header › right-click › Delete Rows.',
    odf: 'odf normalize writes a file that starts with the header.',
  },
  'incorrect-label': {
    explain:
      'The header matches a field of the schema (apart from case, accents or separators, by its title, or by a known synonym) but is not its exact name. Publishing tools compare names letter by letter: the column would be seen as missing.',
    excel: 'retype the header exactly as the field’s name (case and underscores included).',
    libreoffice: 'retype the header exactly as the field’s name (case and underscores included).',
    odf: 'odf normalize renames the headers; the column is already checked as that field.',
  },
  'label-order': {
    explain:
      'The columns are all there but not in the order of the schema’s fields. Most tools read columns by name; some imports read them by position.',
    excel:
      'cut a column (right-click its letter › Cut) then right-click where it belongs › Insert Cut Cells.',
    libreoffice: 'drag the column while holding Alt (Windows) or Cmd (macOS) to move it.',
    odf: 'odf normalize writes the columns in the schema’s order.',
  },
  'label-suggestion': {
    explain:
      'A column of the file looks like a field of the schema without matching it surely enough for odf to link them on its own (a typo, an extra word).',
    excel: 'if it is indeed that field, retype the header exactly as the field’s name.',
    libreoffice: 'if it is indeed that field, retype the header exactly as the field’s name.',
    odf: 'odf normalize --accept-suggestions applies the suggestions; `odf map` records them in a mapping file.',
  },
  'missing-cell': {
    explain:
      'A row has fewer cells than the header has columns: separators are missing, often at the end of the row, or a row was cut in two by a line break inside a cell without quotes.',
    excel: 'save the file again from the spreadsheet: it always writes every cell of each row.',
    libreoffice: 'save the file again from Calc: it writes every cell of each row.',
  },
  'missing-label': {
    explain:
      'A required field of the schema has no column in the file. All its values are missing: the file cannot conform without it.',
    excel: 'insert the column (right-click a letter › Insert), name it as the field, and fill it in.',
    libreoffice:
      'insert the column (right-click › Insert Columns Before), name it as the field, and fill it in.',
    odf: 'if it exists under another name, or if its value is the same everywhere, say so in a mapping file (`odf map`, option --map).',
  },
  'missing-optional-label': {
    explain:
      'An optional field of the schema has no column in the file. It is not an error, but the schema asks for the column to exist, even empty.',
    excel: 'insert a column with the field’s name, even empty.',
    libreoffice: 'insert a column with the field’s name, even empty.',
    odf: 'odf normalize adds the missing optional columns, empty.',
  },
  'no-table': {
    explain:
      'The file given is nothing like a table: a single row of a single cell (a word in a text file, a note), with no separator and no data row. It cannot conform: there is nothing to publish as data.',
    excel:
      'check the exported file: the sheet chosen, an active filter, a "Unicode Text" export instead of CSV.',
    libreoffice: 'check the exported file: the sheet chosen, an active filter, the export type.',
  },
  'no-data': {
    explain: 'The file has only a header row, without any data row: there is nothing to publish.',
    excel: 'check the export: an active filter, the wrong sheet, an empty period.',
    libreoffice: 'check the export: an active filter, the wrong sheet, an empty period.',
  },
  'nomenclature-acte': actes,
  'nomenclature-actes-value': actes,
  'one-of-required': {
    explain:
      'The schema asks for at least one of two columns to be filled on every row (for example a SIRET or an RNA number for a beneficiary).',
    excel: `fill in one of the two cells. ${FIND_EXCEL}`,
    libreoffice: `fill in one of the two cells. ${FIND_CALC}`,
  },
  'opening-hours-value': {
    explain:
      'The schema expects opening hours in the OpenStreetMap format (`Mo-Fr 08:30-12:00; Sa 09:00-12:00`), which applications know how to read. The text of the cell does not follow this syntax.',
    example: { params: { detailEn: 'Please use the English abbreviation "Mo" for "lundi".' } },
    excel:
      'rewrite the opening hours with the assistant at openingh.openstreetmap.de/evaluation_tool, then paste the result.',
    libreoffice:
      'rewrite the opening hours with the assistant at openingh.openstreetmap.de/evaluation_tool, then paste the result.',
  },
  'pattern-not-checked': {
    explain:
      'The field’s pattern uses a back-reference (\\1) or a lookahead ((?=…)), which Table Schema’s regular expressions do not have, or it is very long and the value too. odf checks every pattern within a computation budget per cell, so that no cell can block it; this value needed more. It is neither accepted nor refused: the report says so rather than guess.',
    excel: `check these values by hand; ${FIND_EXCEL}`,
    libreoffice: `check these values by hand; ${FIND_CALC}`,
    schema:
      'write the pattern without back-references or lookaheads (the XML Schema syntax of Table Schema): it is then always checked, in linear time.',
  },
  'personal-data-suspected': {
    explain:
      'A column seems to hold personal data (names of people, personal email addresses or phone numbers, NIR social security numbers, IBANs, dates of birth). Publishing such data without a legal basis is forbidden (GDPR); odf masks these values in all its reports.',
    excel:
      'delete the column (right-click its letter › Delete) or replace the values with a generic department contact.',
    libreoffice:
      'delete the column (right-click › Delete Columns) or replace the values with a generic department contact.',
    odf: '`odf normalize --redact COLUMN` removes, masks or hashes (with a secret salt) these values in the published file.',
  },
  'phone-number-value': {
    explain:
      'The schema expects a valid phone number (French or international numbering plan). This one is not: missing digits, a wrong dialling code.',
    excel:
      'write the 10 digits (02 61 91 13 45) or the international form (+33 2 61 91 13 45), with the column set to Text.',
    libreoffice: 'write the 10 digits or the international form, with the column set to Text.',
  },
  'primary-key': {
    explain:
      'The schema’s primary key (one or more columns) must identify each row: two rows have the same key, or a row has none. Often a row copied twice.',
    excel:
      'Home › Conditional Formatting › Highlight Cells Rules › Duplicate Values on the key column; Data › Remove Duplicates for copied rows.',
    libreoffice:
      'Data › More Filters › Standard Filter with "No duplications" in the options, to spot copied rows.',
  },
  'reversed-french-gps-coordinates': {
    explain:
      'The coordinates fall in France once swapped: the latitude is written before the longitude, whereas the schema expects "longitude, latitude".',
    excel:
      'swap the two numbers; if the whole column is swapped, Data › Text to Columns splits the two parts, then `=B2&", "&A2` joins them back in order.',
    libreoffice:
      'swap the two numbers; Data › Text to Columns splits the two parts, then `=B2&", "&A2` joins them back in order.',
  },
  'schema-error': {
    explain:
      'The schema itself does not follow the Table Schema specification (a property missing or badly written). odf checks what it can, but other validators will reject the schema.',
    example: { params: { message: 'must be object' } },
    schema:
      'fix the schema at the place shown (JSON path); the validator of schema.data.gouv.fr gives the same diagnosis.',
    odf: SCHEMA_ONLY,
  },
  'schema-example-invalid': {
    explain:
      'The example a field of the schema gives does not follow that same field’s rules (not a string, outside the list, a different shape from the pattern). odf’s messages that quote it are still right; the schema should be fixed.',
    schema: 'write the example as a string that passes the field’s constraints (`"example": "75001"`).',
    odf: SCHEMA_ONLY,
  },
  'schema-field-duplicate': {
    explain:
      'The schema declares two fields with the same name: a column of the file can match only one of them.',
    schema: 'rename or delete one of the two fields.',
    odf: SCHEMA_ONLY,
  },
  'schema-field-ignored': {
    explain:
      'A rule of a field of the schema cannot apply (a format unknown for its type, a constraint that does not apply to the type, a constraint written outside `constraints`): it is ignored, as Frictionless and Validata do.',
    schema: 'move the constraint into `constraints`, or fix the format according to Table Schema.',
    odf: SCHEMA_ONLY,
  },
  'schema-field-type-unknown': {
    explain:
      'A field of the schema has a type that Table Schema does not know: its values are read as text, without any type check.',
    schema: 'use a Table Schema type, in lower case: string, number, integer, boolean, date…',
    odf: SCHEMA_ONLY,
  },
  'schema-key-unknown-field': {
    explain:
      'The primary key or a foreign key of the schema names a field that does not exist: the key cannot be checked.',
    schema: 'fix the field’s name in `primaryKey` or `foreignKeys`.',
    odf: SCHEMA_ONLY,
  },
  'schema-not-recognized': {
    explain:
      'Without --schema, odf looks in the catalogue for the schema whose fields look most like the file’s headers. None looks close enough: only the structure (headers, rows, cells) is checked.',
    odf: 'give the schema with --schema (to list them: `odf schemas list --search WORD`) and, if the headers differ, a mapping file (`odf map`).',
  },
  'schema-pattern-budgeted': {
    explain:
      'The field’s pattern uses a back-reference (\\1, (?P=name)) or a lookahead ((?=…), (?!…)), which XML Schema regular expressions, those of Table Schema, do not have. odf checks it anyway, within a computation budget per cell: a value beyond it is reported as not checked (pattern-not-checked) instead of blocking the run.',
    schema:
      'rewrite the pattern without back-references or lookaheads: odf then checks it in linear time, like any Table Schema pattern.',
    odf: SCHEMA_ONLY,
  },
  'schema-pattern-invalid': {
    explain:
      'The pattern of a field is not a usable regular expression: the constraint is not checked, which can let wrong values through.',
    example: { params: { reason: 'Invalid regular expression: /^(?:(ab)$/: Unterminated group' } },
    schema:
      'fix the expression (Table Schema patterns are XML Schema regular expressions, without back-references).',
    odf: SCHEMA_ONLY,
  },
  'schema-pattern-translated': {
    explain:
      'The pattern of a field uses syntax specific to Python (that of Validata), which odf translates so as to check values the same way. Nothing to do: this is for information.',
    example: { params: { changes: ['inline flags → RegExp flags'] } },
    schema: 'to be read everywhere, write the pattern in XML Schema syntax, the one of Table Schema.',
    odf: SCHEMA_ONLY,
  },
  'identifier-spaces': {
    explain:
      'The SIRET or SIREN number is valid, but written with spaces or dots to be easier to read ("213 300 049 00012"). The schema accepts it; the tools that cross-reference the data (the business directory, Validata) expect the compact form, 14 or 9 digits in a row.',
    excel:
      'Ctrl+H: replace the space with nothing in the column (keep the column as Text, to keep the zeros).',
    libreoffice:
      'Ctrl+H: replace the space with nothing in the column (keep the column as Text, to keep the zeros).',
    odf: 'odf normalize writes the compact form.',
  },
  'label-content-mismatch': {
    explain:
      'The name of the column matches a field (by its title or a known synonym), but its values do not have the shape the field expects: "Nature" holding account labels where the field expects a code. odf does not pair them without your say, so as not to write values into the wrong field.',
    odf: 'if it is the one, say so in a mapping file (`odf map -o mapping.yaml`, then --map), or rename the column; otherwise, the column that feeds the field is missing.',
  },
  'split-error': {
    explain:
      'A column holding two values — a coordinate pair ("48.8566, 2.3522", [2.3522, 48.8566], POINT(2.3522 48.8566)) or a date with its time — feeds two fields of the schema, each from its part (a mapping file says so, or you accepted odf’s proposal). On this row, the value cannot be split: it does not have the form of the others, or its coordinates, in mainland France, are in the reverse of the column’s order. Both fields stay empty on the row rather than receive a guessed value.',
    excel:
      'write the value as the other rows of the column do (same form, same order), then filter the column to find the others.',
    libreoffice:
      'write the value as the other rows of the column do (same form, same order), then filter the column to find the others.',
    odf: 'normalize’s report counts these cells as not written (`cells`, per column).',
  },
  'number-spaces': {
    explain:
      'Numbers are written with surrounding spaces ("2.375517 "). As Frictionless and Validata do, odf reads them as valid numbers (surrounding spaces are ignored for numbers, not for dates or booleans); they are still useless and trouble some spreadsheets.',
    excel: 'in a neighbouring column, =TRIM(A2), then copy and paste the values in its place.',
    libreoffice: 'in a neighbouring column, =TRIM(A2), then copy and paste the values in its place.',
    odf: 'odf normalize removes the spaces.',
  },
  'required-field-unsourced': {
    explain:
      'A required field has no column while some columns of the file are used for nothing: its source may be one of them, under a name odf did not dare pair ("montant_subvention" for "montant"). Writing the file would leave the field empty and lose those columns: odf normalize writes nothing until you have seen the mapping.',
    excel:
      'if a column does hold the field, rename its header to the exact name of the field; otherwise insert the column and fill it in.',
    libreoffice:
      'if a column does hold the field, rename its header to the exact name of the field; otherwise insert the column (right-click › Insert Columns Before) and fill it in.',
    odf: 'check with `odf map FILE -o mapping.yaml`, correct that file, then `odf normalize FILE --map mapping.yaml`; --accept-suggestions applies the suggestions; --allow-missing-required writes anyway, with the field empty.',
  },
  'schema-version-chosen': {
    explain:
      'The schema was given without a version (--schema scdl/budget): odf read the file at the version its headers and values fit best (the latest on a tie), and says which one and why.',
    odf: 'for a given version: --schema NAME@VERSION.',
  },
  'schema-version-outdated': {
    explain:
      'The file follows an older version of the schema than the latest. It is checked against the version it follows (otherwise every difference would be an error); the message says what the latest version changes for this file, so that it can be brought up to date.',
    odf: 'to check against the latest version: --schema NAME@VERSION; `odf map` shows the columns to rename or add.',
  },
  'schema-recognized': {
    explain:
      'Without --schema, odf recognised the file’s schema from its headers, with the score shown. The report says so, so that you can check it is the right one.',
    odf: 'if it is not the right one, give it with --schema (for example --schema scdl/budget@0.8.3).',
  },
  'sheet-chosen': {
    explain:
      'The workbook has several sheets; odf reads the one it names (the first that looks like a table, or the one whose headers best match the schema).',
    odf: 'for another sheet: --sheet NAME or --sheet NUMBER.',
  },
  'sheet-error-cell': {
    explain:
      'A cell of the workbook contains a formula error (#DIV/0!, #N/A, #REF!…) instead of a value: that error text is what would be published.',
    excel: 'fix the formula, or copy the column then Paste Special › Values to publish only values.',
    libreoffice: 'fix the formula, or Edit › Paste Special › Paste Special… › Values Only.',
  },
  'sheet-merged-cells': {
    explain:
      'The sheet contains merged cells. Only the first cell of a merge keeps the value: the following rows are read as empty, and the table loses values when published.',
    excel:
      'select everything (Ctrl+A) › Home › Merge & Center › Unmerge Cells, then copy the value into each row.',
    libreoffice:
      'select everything › Format › Merge and Unmerge Cells › Unmerge Cells, then copy the values back in.',
  },
  siren,
  siret,
  'sum-columns-value': {
    explain:
      'The schema says that a column is the sum of other columns of the same row, and the total does not match.',
    excel:
      'replace the total with a formula `=B2+C2` so that it stays right, then paste the values before exporting.',
    libreoffice:
      'replace the total with a formula `=B2+C2`, then Paste Special › Values Only before exporting.',
  },
  'type-error': {
    explain:
      'The value is not of the type the field expects: a number written the French way (decimal comma, spaces between thousands), a date as DD/MM/YYYY instead of YYYY-MM-DD, a boolean "oui" instead of "true"… Machines could not read it.',
    excel:
      'set the column to Text or General before exporting; for numbers, File › Options › Advanced › untick "Use system separators" and type a point as the decimal separator; for dates, Format Cells › Custom › `yyyy-mm-dd`.',
    libreoffice:
      'Format › Cells › Numbers: for dates, the format code `YYYY-MM-DD`; for numbers, the language "English (USA)" gives the decimal point; when saving as CSV, untick "Save cell contents as shown" if needed.',
    odf: 'odf normalize rewrites what can be read only one way (French-style numbers, day/month/year dates, booleans) and reports the rest.',
  },
  'unique-error': {
    explain:
      'The field requires unique values (an identifier) and this value already appeared higher up. Often a row copied twice, or an identifier copied by mistake.',
    excel:
      'Home › Conditional Formatting › Highlight Cells Rules › Duplicate Values colours the column’s duplicates.',
    libreoffice: 'Format › Conditional › Condition "is duplicate" colours the column’s duplicates.',
  },
  'year-interval-value': {
    explain:
      'The schema expects a period of years "YYYY/YYYY" (for example 2023/2024), the second after the first.',
    excel: `write the two years in order, separated by a slash, with the column set to Text. ${FIND_EXCEL}`,
    libreoffice: `write the two years in order, separated by a slash, with the column set to Text. ${FIND_CALC}`,
  },
};
