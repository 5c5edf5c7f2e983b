// Streaming XML for the workbook readers: the only module that imports the SAX parser (saxes).
import { TextDecoder } from 'node:util';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { OdfError } from '../errors.js';

/** What a workbook part reader does with the XML events (names keep their prefix, e.g. `table:table-row`). */
export interface XmlHandler {
  open(name: string, attributes: Record<string, string>, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

/** Thrown by a handler to stop reading a part early (e.g. enough rows were read); not an error. */
export class StopReading extends Error {
  constructor() {
    super('stop reading');
  }
}

/** The decoder of a part's bytes, from its first bytes: UTF-16 by its byte order mark, else UTF-8. */
export function partDecoder(first: Uint8Array): TextDecoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder('utf-16le');
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder('utf-16be');
  return new TextDecoder('utf-8');
}

/**
 * A streaming XML reader for one part of a workbook archive: feed it inflated bytes (UTF-8, or UTF-16
 * with its BOM) and it calls the handler as elements open and close. Hostile input is bounded:
 * - a document type declaration (`<!DOCTYPE`) is refused before anything in it is read: workbooks never
 *   have one, and it is where external entities (XXE) and entity expansion bombs live; references to
 *   undeclared entities are errors (saxes expands only the five XML entities and character references);
 * - text or a tag longer than `maxRun` characters with no event in between (one giant cell or attribute)
 *   stops the read with one sentence, since the parser would hold it whole.
 * Malformed XML stops the read with `file-unreadable` naming the part.
 */
export class XmlReader {
  private readonly parser: SaxesParser<object>;
  private decoder: TextDecoder | undefined;
  /** Characters written since the last event. */
  private run = 0;

  constructor(
    private readonly file: string,
    private readonly part: string,
    handler: XmlHandler,
    private readonly maxRun: number,
  ) {
    const parser = new SaxesParser<object>({ xmlns: false, position: false });
    parser.on('doctype', () => {
      throw new OdfError(
        'file-unreadable',
        `Le classeur ${file} contient une déclaration de type de document (DOCTYPE) dans ${part} : odf refuse de le lire (un classeur n’en contient jamais ; c’est la forme des attaques par entités XML).`,
        { name: file, part },
        `The workbook ${file} holds a document type declaration (DOCTYPE) in ${part}: odf refuses to read it (a workbook never has one; it is how XML entity attacks are built).`,
      );
    });
    parser.on('opentag', (tag: SaxesTagPlain) => {
      this.run = 0;
      handler.open(tag.name, tag.attributes, tag.isSelfClosing);
    });
    parser.on('closetag', (tag: SaxesTagPlain) => {
      this.run = 0;
      handler.close(tag.name);
    });
    parser.on('text', (text: string) => {
      this.run = 0;
      handler.text(text);
    });
    parser.on('cdata', (text: string) => {
      this.run = 0;
      handler.text(text);
    });
    parser.on('error', (e: Error) => {
      throw this.unreadable(e.message);
    });
    this.parser = parser;
  }

  private unreadable(detail: string): OdfError {
    return new OdfError(
      'file-unreadable',
      `Le classeur ${this.file} est endommagé : la partie ${this.part} n’est pas du XML valide (${detail}).`,
      { name: this.file, part: this.part, detail },
      `The workbook ${this.file} is damaged: part ${this.part} is not valid XML (${detail}).`,
    );
  }

  /** Parse the next bytes of the part. */
  write(bytes: Uint8Array): void {
    this.decoder ??= partDecoder(bytes);
    this.writeText(this.decoder.decode(bytes, { stream: true }));
  }

  /** Parse the next characters of the part (for a caller that decodes the bytes itself). */
  writeText(text: string): void {
    this.run += text.length;
    this.parser.write(text);
    if (this.run > this.maxRun) {
      throw new OdfError(
        'file-unreadable',
        `Le classeur ${this.file} contient dans ${this.part} un texte ou une balise de plus de ${this.maxRun} caractères d’un seul tenant : odf refuse de le lire (limite de taille d’une cellule, voir --max-cell-length).`,
        { name: this.file, part: this.part, limit: this.maxRun },
        `The workbook ${this.file} holds in ${this.part} a text or tag longer than ${this.maxRun} characters in one piece: odf refuses to read it (cell size limit, see --max-cell-length).`,
      );
    }
  }

  /** The part is complete: checks that the XML is well-formed to its end. */
  end(): void {
    if (this.decoder) this.parser.write(this.decoder.decode());
    this.parser.close();
  }
}
