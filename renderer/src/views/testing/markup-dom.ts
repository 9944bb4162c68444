/** The text between tags, entities decoded (React's server markup escapes these five). */
function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}

/** A text node of {@link FakeElement}. */
export class FakeText {
  private readonly root: { writes: number };
  private value: string;

  constructor(root: { writes: number }, value: string) {
    this.root = root;
    this.value = value;
  }

  /** The text; setting it counts as a write. */
  get nodeValue(): string {
    return this.value;
  }

  set nodeValue(value: string) {
    this.root.writes++;
    this.value = value;
  }
}

/**
 * An element with the part of the DOM that direct DOM writers use (children, first child, attributes, `hidden`,
 * `textContent`, `style.transform`), counting every write in `writes` (shared by the whole tree). `canonical()`
 * serialises it with attributes in name order, so that two trees compare whatever order they were written in.
 */
export class FakeElement {
  /** Attributes by name, in the order they were set. */
  readonly attributes = new Map<string, string>();
  /** Child elements and text nodes. */
  childNodes: (FakeElement | FakeText)[] = [];
  /** The inline style, as `setProperty` would keep it. */
  readonly style: { transform: string };

  /** The tag name. */
  readonly tag: string;
  private readonly root: { writes: number };

  constructor(tag: string, root: { writes: number }) {
    this.tag = tag;
    this.root = root;
    const attributes = this.attributes;
    const tree = root;
    this.style = {
      get transform(): string {
        return /transform:([^;]*)/.exec(attributes.get('style') ?? '')?.[1] ?? '';
      },
      set transform(value: string) {
        tree.writes++;
        attributes.set('style', `transform:${value}`);
      },
    };
  }

  /** Writes counted in the whole tree. */
  get writes(): number {
    return this.root.writes;
  }

  /** The child elements. */
  get children(): FakeElement[] {
    return this.childNodes.filter((node): node is FakeElement => node instanceof FakeElement);
  }

  /** The first child node, or null. */
  get firstChild(): FakeElement | FakeText | null {
    return this.childNodes[0] ?? null;
  }

  /** An attribute's value, or null. */
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }

  /** Sets an attribute (a write). */
  setAttribute(name: string, value: string): void {
    this.root.writes++;
    this.attributes.set(name, value);
  }

  /** Removes an attribute (a write). */
  removeAttribute(name: string): void {
    this.root.writes++;
    this.attributes.delete(name);
  }

  /** Whether the `hidden` attribute is set. */
  get hidden(): boolean {
    return this.attributes.has('hidden');
  }

  set hidden(value: boolean) {
    if (value) this.setAttribute('hidden', '');
    else this.removeAttribute('hidden');
  }

  /** The text of the subtree; setting it replaces the children with one text node (none for ''). */
  get textContent(): string {
    return this.childNodes.map((node) => (node instanceof FakeText ? node.nodeValue : node.textContent)).join('');
  }

  set textContent(value: string) {
    this.root.writes++;
    this.childNodes = value === '' ? [] : [new FakeText(this.root, value)];
  }

  /** This element typed as the DOM's, for code that takes an `HTMLElement`. */
  asElement(): HTMLElement {
    return this as unknown as HTMLElement;
  }

  /** The subtree as markup, attributes in name order, text escaped as React escapes it. */
  canonical(): string {
    const attributes = [...this.attributes]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => ` ${name}="${value}"`)
      .join('');
    const inner = this.childNodes
      .map((node) => (node instanceof FakeText ? JSON.stringify(node.nodeValue) : node.canonical()))
      .join('');
    return `<${this.tag}${attributes}>${inner}</${this.tag}>`;
  }
}

/**
 * The one root element of `html` (React's server markup: no comments, no self-closing tags, attributes quoted)
 * as a {@link FakeElement} tree. Adjacent text runs stay one text node, as in a browser's parse.
 */
export function parseMarkup(html: string): FakeElement {
  const root = { writes: 0 };
  const stack: FakeElement[] = [];
  let top: FakeElement | null = null;
  const tokens = /<(\/?)([a-z0-9]+)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*>|([^<]+)/g;
  for (const match of html.matchAll(tokens)) {
    const [, closing, tag, attributes, text] = match;
    const parent = stack.at(-1);
    if (text !== undefined) {
      const last = parent?.childNodes.at(-1);
      if (last instanceof FakeText) last.nodeValue += decode(text);
      else parent?.childNodes.push(new FakeText(root, decode(text)));
    } else if (closing) {
      stack.pop();
    } else if (tag) {
      const element = new FakeElement(tag, root);
      for (const [, name, value] of (attributes ?? '').matchAll(/([a-z-]+)(?:="([^"]*)")?/g))
        if (name) element.attributes.set(name, decode(value ?? ''));
      if (parent) parent.childNodes.push(element);
      else top ??= element;
      stack.push(element);
    }
  }
  if (!top) throw new Error('No element in the markup.');
  root.writes = 0;
  return top;
}
