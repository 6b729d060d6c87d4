/**
 * A small strict XML reader for Cursor on Target events: elements, attributes, text, comments and
 * CDATA. No DTD, no entity definitions (so no entity expansion: "billion laughs" and external
 * entities are refused outright), only the five predefined entities and character references;
 * bounded size, depth and element count. Anything else is an error naming where and what.
 */

export interface XmlElement {
  name: string;
  /** Null-prototype: attribute names from outside are plain keys. */
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export const XML_LIMITS = { bytes: 64 * 1024, depth: 32, elements: 4096, attributes: 64 } as const;

export class XmlError extends Error {}

const NAME = /[A-Za-z_][\w.:-]*/y;
const SPACE = /\s*/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(text: string): XmlElement {
  if (text.length > XML_LIMITS.bytes)
    throw new XmlError(`event too large: ${text.length} characters (at most ${XML_LIMITS.bytes})`);
  let i = 0;
  let count = 0;
  const fail = (what: string): never => {
    throw new XmlError(`malformed XML at character ${i}: ${what}`);
  };
  const skipSpace = () => {
    SPACE.lastIndex = i;
    SPACE.exec(text);
    i = SPACE.lastIndex;
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(text);
    if (!m) fail('a name was expected');
    i = NAME.lastIndex;
    return m![0];
  };
  const decode = (raw: string): string =>
    raw.replace(/&([^;&<]{0,10});/g, (_, ref: string) => {
      if (ref.startsWith('#')) {
        const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        if (!Number.isInteger(code) || code < 9 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
          fail(`bad character reference &${ref};`);
        return String.fromCodePoint(code);
      }
      const v = PREDEFINED[ref];
      return v ?? fail(`entity &${ref}; is not accepted (only &lt; &gt; &amp; &quot; &apos;)`);
    });
  const checkAmp = (raw: string) => {
    if (/&(?![^;&<\s]{1,10};)/.test(raw)) fail('a bare & (write &amp;)');
  };
  /** Comments, the XML declaration and white space between elements. */
  const misc = (prolog: boolean) => {
    for (;;) {
      skipSpace();
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i + 4);
        if (end < 0) fail('unclosed comment');
        i = end + 3;
      } else if (text.startsWith('<?', i)) {
        if (!prolog || !/^<\?xml\s/.test(text.slice(i, i + 6)))
          fail('processing instructions are not accepted');
        const end = text.indexOf('?>', i);
        if (end < 0) fail('unclosed XML declaration');
        i = end + 2;
        prolog = false;
      } else if (text.startsWith('<!', i)) {
        fail('DOCTYPE and entity declarations are not accepted');
      } else return;
    }
  };
  const element = (depth: number): XmlElement => {
    if (depth > XML_LIMITS.depth) fail(`nested deeper than ${XML_LIMITS.depth}`);
    if (++count > XML_LIMITS.elements) fail(`more than ${XML_LIMITS.elements} elements`);
    if (text[i] !== '<') fail('"<" expected');
    i++;
    const el: XmlElement = {
      name: name(),
      attrs: Object.create(null) as Record<string, string>,
      children: [],
      text: '',
    };
    let attributes = 0;
    for (;;) {
      skipSpace();
      if (text.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (text[i] === '>') {
        i++;
        break;
      }
      const start = i;
      const key = name();
      if (i === start) fail('attribute expected');
      skipSpace();
      if (text[i] !== '=') fail(`"=" expected after attribute ${key}`);
      i++;
      skipSpace();
      const quote = text[i];
      if (quote !== '"' && quote !== "'") fail(`attribute ${key}: value must be quoted`);
      const end = text.indexOf(quote!, i + 1);
      if (end < 0) fail(`attribute ${key}: unclosed value`);
      const raw = text.slice(i + 1, end);
      if (raw.includes('<')) fail(`attribute ${key}: "<" in a value`);
      checkAmp(raw);
      if (Object.hasOwn(el.attrs, key)) fail(`attribute ${key} given twice`);
      if (++attributes > XML_LIMITS.attributes) fail(`more than ${XML_LIMITS.attributes} attributes`);
      el.attrs[key] = decode(raw);
      i = end + 1;
    }
    for (;;) {
      const lt = text.indexOf('<', i);
      if (lt < 0) fail(`element ${el.name} is not closed`);
      const raw = text.slice(i, lt);
      checkAmp(raw);
      el.text += decode(raw);
      i = lt;
      if (text.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        skipSpace();
        if (text[i] !== '>') fail('">" expected');
        i++;
        el.text = el.text.trim();
        return el;
      }
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i + 4);
        if (end < 0) fail('unclosed comment');
        i = end + 3;
      } else if (text.startsWith('<![CDATA[', i)) {
        const end = text.indexOf(']]>', i);
        if (end < 0) fail('unclosed CDATA section');
        el.text += text.slice(i + 9, end);
        i = end + 3;
      } else if (text.startsWith('<!', i) || text.startsWith('<?', i)) {
        fail('declarations and processing instructions are not accepted inside an element');
      } else el.children.push(element(depth + 1));
    }
  };
  misc(true);
  if (i >= text.length) fail('no element');
  const root = element(1);
  misc(false);
  if (i < text.length) fail('content after the root element');
  return root;
}

export const child = (el: XmlElement, name: string): XmlElement | undefined =>
  el.children.find((c) => c.name === name);

/** Text for an attribute or element; characters XML 1.0 cannot carry (controls) are left out. */
export function escapeXml(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[<>&"']/g, (c) => ESCAPES[c]!)
  );
}
const ESCAPES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
};
