import ts from 'typescript';
import { parse, walk, type Finding, type SourceFile } from './findings.ts';

/** A policy split into directives: name → sources (lower-cased names, sources as written). */
export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

const UNSAFE_SCRIPT_SOURCES = new Set(["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", 'data:', 'blob:']);
const SCHEME_ONLY = /^[a-z][a-z0-9+.-]*:$/i;

/**
 * Checks a Content Security Policy: present, with a default-src, scripts only from the app (no unsafe-inline,
 * unsafe-eval, data:/blob: or http: sources), no wildcard or scheme-wide sources (`*`, `*.host`, `https:`), and
 * plugins off (object-src 'none').
 */
export function checkCsp(policy: string | undefined, file: string, line = 0): Finding[] {
  const findings: Finding[] = [];
  const report = (rule: Finding['rule'], severity: Finding['severity'], message: string): void => {
    findings.push({ rule, severity, file, line, message });
  };
  if (!policy || policy.trim() === '') {
    report('CSP_MISSING', 'high', 'no Content Security Policy');
    return findings;
  }
  const directives = parseCsp(policy);
  const defaults = directives.get('default-src');
  if (!defaults) report('CSP_NO_DEFAULT_SRC', 'medium', 'no default-src: anything not listed is allowed');
  const scripts = directives.get('script-src') ?? defaults ?? ['*'];
  for (const source of scripts) {
    if (UNSAFE_SCRIPT_SOURCES.has(source.toLowerCase()) || /^http:/i.test(source)) {
      report('CSP_UNSAFE_SCRIPT', 'high', `script sources allow ${source}`);
    }
  }
  for (const [name, sources] of directives) {
    for (const source of sources) {
      const schemeWide = SCHEME_ONLY.test(source) && !['data:', 'blob:'].includes(source.toLowerCase());
      if (source.includes('*') || schemeWide) report('CSP_WILDCARD', 'high', `${name} allows ${source}`);
    }
  }
  if (!directives.has('default-src') && !directives.has('script-src')) {
    report('CSP_UNSAFE_SCRIPT', 'high', 'neither script-src nor default-src: scripts from anywhere');
  }
  const objects = directives.get('object-src') ?? defaults;
  if (!objects || objects.join(' ') !== "'none'") report('CSP_OBJECT_SRC', 'medium', "object-src is not 'none'");
  return findings;
}

/** The content of the page's `<meta http-equiv="Content-Security-Policy">`, if it has one. */
export function metaCsp(html: string): string | undefined {
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    if (!/http-equiv\s*=\s*["']?content-security-policy/i.test(tag)) continue;
    const content = /content\s*=\s*"([^"]*)"|content\s*=\s*'([^']*)'/i.exec(tag);
    return content?.[1] ?? content?.[2];
  }
  return undefined;
}

/** Checks an HTML page: its meta CSP, `<webview>` tags, inline scripts and resources over http:. */
export function checkHtml(source: SourceFile): Finding[] {
  const findings = checkCsp(metaCsp(source.text), source.file);
  const lineAt = (index: number): number => source.text.slice(0, index).split('\n').length;
  for (const match of source.text.matchAll(/<webview\b/gi)) {
    findings.push({
      rule: 'WEBVIEW_TAG',
      severity: 'medium',
      file: source.file,
      line: lineAt(match.index),
      message: '<webview> tag',
    });
  }
  for (const match of source.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? '';
    if (!/\bsrc\s*=/.test(attributes) && (match[2] ?? '').trim() !== '') {
      findings.push({
        rule: 'INLINE_SCRIPT',
        severity: 'medium',
        file: source.file,
        line: lineAt(match.index),
        message: 'inline <script>',
      });
    }
  }
  for (const match of source.text.matchAll(/\b(?:src|href)\s*=\s*["']?http:/gi)) {
    findings.push({
      rule: 'HTTP_URL_LOADED',
      severity: 'high',
      file: source.file,
      line: lineAt(match.index),
      message: 'resource loaded over http:',
    });
  }
  return findings;
}

/**
 * The CSP policies written as string literals in a script (any literal starting with `default-src`), each
 * checked; none at all is CSP_HEADER_MISSING. Used on the main bundle, whose CSP header is such a literal.
 */
export function checkCspLiterals(source: SourceFile): Finding[] {
  const sourceFile = parse(source);
  const findings: Finding[] = [];
  let count = 0;
  walk(sourceFile, (node) => {
    if (!ts.isStringLiteralLike(node) || !/^\s*default-src\s/.test(node.text)) return;
    count += 1;
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
    findings.push(...checkCsp(node.text, source.file, line));
  });
  if (count === 0) {
    findings.push({
      rule: 'CSP_HEADER_MISSING',
      severity: 'medium',
      file: source.file,
      line: 0,
      message: 'no CSP policy literal for the header',
    });
  }
  return findings;
}
