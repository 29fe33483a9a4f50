import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Document, type Node } from 'yaml';

export type YamlPath = (string | number)[];

/** A YAML document with positions, so errors can name the line of a key or value. */
export class ConfigSource {
  readonly doc: Document.Parsed;
  private readonly lines = new LineCounter();

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
  }

  /** The YAML syntax errors, each with its line. */
  syntaxErrors(): { line: number; col: number; message: string }[] {
    return this.doc.errors.map((e) => {
      const pos = this.lines.linePos(e.pos[0]);
      return { line: pos.line, col: pos.col, message: e.message.split('\n')[0]! };
    });
  }

  toJS(): unknown {
    return this.doc.toJS();
  }

  /**
   * 1-based line and column of the node at `path`: the value where it exists, or the key when
   * `preferKey` is set (an unknown key) or the value is a block. Falls back to the deepest parent found.
   */
  locate(path: YamlPath, preferKey = false): { line: number; col: number } {
    let node: unknown = this.doc.contents;
    let offset = (node as Node | null)?.range?.[0] ?? 0;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        const keyNode = pair.key as Node;
        const valueNode = pair.value as Node | null;
        if (last && (preferKey || !valueNode || isMap(valueNode) || isSeq(valueNode))) {
          offset = keyNode.range?.[0] ?? offset;
          break;
        }
        offset = valueNode?.range?.[0] ?? keyNode.range?.[0] ?? offset;
        node = valueNode;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
    }
    const pos = this.lines.linePos(offset);
    return { line: pos.line, col: pos.col };
  }
}
