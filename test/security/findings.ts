import ts from 'typescript';

/** The classes of problem the scan reports (electronegativity's high and medium checks, and a few more). */
export type Rule =
  | 'NODE_INTEGRATION'
  | 'CONTEXT_ISOLATION'
  | 'SANDBOX'
  | 'WEB_SECURITY'
  | 'INSECURE_CONTENT'
  | 'EXPERIMENTAL_FEATURES'
  | 'BLINK_FEATURES'
  | 'WEBVIEW_TAG'
  | 'REMOTE_MODULE'
  | 'WEB_PREFERENCES_NOT_EXPLICIT'
  | 'OPEN_EXTERNAL'
  | 'HTTP_URL_LOADED'
  | 'RAW_IPC_EXPOSED'
  | 'IPC_CHANNEL_PASSTHROUGH'
  | 'UNCHECKED_IPC_LISTENER'
  | 'CERTIFICATE_ERROR'
  | 'INSECURE_SWITCH'
  | 'PERMISSION_GRANTED'
  | 'PERMISSION_HANDLER_MISSING'
  | 'WINDOW_OPEN_HANDLER_MISSING'
  | 'NAVIGATION_GUARD_MISSING'
  | 'SANDBOX_NOT_ENFORCED'
  | 'CSP_MISSING'
  | 'CSP_HEADER_MISSING'
  | 'CSP_NO_DEFAULT_SRC'
  | 'CSP_UNSAFE_SCRIPT'
  | 'CSP_WILDCARD'
  | 'CSP_OBJECT_SRC'
  | 'INLINE_SCRIPT';

/** One problem found, where it is, and why it matters. */
export interface Finding {
  rule: Rule;
  severity: 'high' | 'medium';
  file: string;
  line: number;
  message: string;
}

/** A file to scan: its name (for reports) and text. */
export interface SourceFile {
  file: string;
  text: string;
}

/** One line per finding, for assertion messages. */
export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line} ${finding.severity} ${finding.rule}: ${finding.message}`;
}

/** Parses TypeScript or JavaScript (by extension) into an AST with parent links. */
export function parse(source: SourceFile): ts.SourceFile {
  const kind = /\.(c|m)?js$/.test(source.file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(source.file, source.text, ts.ScriptTarget.Latest, true, kind);
}

/** Visits every node of a tree. */
export function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** The 1-based line of a node. */
export function lineOf(node: ts.Node): number {
  const sourceFile = node.getSourceFile();
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

/** The static name of a property (identifier, string or numeric literal, computed string), if it has one. */
export function propertyName(name: ts.PropertyName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/**
 * The boolean a value surely is: `true`/`false`, and the minifier's `!0`/`!1`. Anything else (a variable, a
 * condition) is undefined: the scan cannot prove it safe.
 */
export function booleanValue(expression: ts.Expression): boolean | undefined {
  if (ts.isParenthesizedExpression(expression)) return booleanValue(expression.expression);
  if (expression.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (expression.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (
    ts.isPrefixUnaryExpression(expression) &&
    expression.operator === ts.SyntaxKind.ExclamationToken &&
    ts.isNumericLiteral(expression.operand)
  ) {
    return expression.operand.text === '0';
  }
  return undefined;
}

/** The name a call is made by: `f(...)` → f, `a.b.f(...)` → f. */
export function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) {
    return callee.argumentExpression.text;
  }
  return undefined;
}

/** The text of a string literal or a template's fixed head, if the expression starts with one. */
export function leadingText(expression: ts.Expression | undefined): string | undefined {
  if (!expression) return undefined;
  if (ts.isStringLiteralLike(expression)) return expression.text;
  if (ts.isTemplateExpression(expression)) return expression.head.text;
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return leadingText(expression.left);
  }
  return undefined;
}

/** Whether a function-like node contains a call named `name` (optionally with a first argument `test`). */
export function containsCall(node: ts.Node, name: string, test?: (argument: ts.Expression) => boolean): boolean {
  let found = false;
  walk(node, (child) => {
    if (found || !ts.isCallExpression(child) || calleeName(child) !== name) return;
    const [first] = child.arguments;
    if (!test || (first !== undefined && test(first))) found = true;
  });
  return found;
}

/** The function a handler argument is: inline, or a function/const declared by that name in the same file. */
export function resolveFunction(argument: ts.Expression | undefined, sourceFile: ts.SourceFile): ts.Node | undefined {
  if (!argument) return undefined;
  if (ts.isArrowFunction(argument) || ts.isFunctionExpression(argument)) return argument;
  if (!ts.isIdentifier(argument)) return undefined;
  return resolveIdentifier(argument.text, sourceFile);
}

/** What a name is declared as in a file: a function declaration, or a variable's initializer. */
export function resolveIdentifier(name: string, sourceFile: ts.SourceFile): ts.Node | undefined {
  let found: ts.Node | undefined;
  walk(sourceFile, (node) => {
    if (found) return;
    if (ts.isFunctionDeclaration(node) && node.name?.text === name) found = node;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) {
      found = node.initializer;
    }
  });
  return found;
}
