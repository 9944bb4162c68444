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

const parsed = new WeakMap<SourceFile, ts.SourceFile>();

/** Parses TypeScript or JavaScript (by extension) into an AST with parent links (once per source object). */
export function parse(source: SourceFile): ts.SourceFile {
  const cached = parsed.get(source);
  if (cached && cached.text === source.text) return cached;
  const kind = /\.(c|m)?js$/.test(source.file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const tree = ts.createSourceFile(source.file, source.text, ts.ScriptTarget.Latest, true, kind);
  parsed.set(source, tree);
  return tree;
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

/** Finds a function by name, in one file or across a project. */
export type FunctionResolver = (name: string) => ts.Node | undefined;

function isFunctionLike(node: ts.Node | undefined): node is ts.SignatureDeclaration {
  return (
    node !== undefined && (ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node))
  );
}

/**
 * A resolver over a set of files (the main process's sources, or one bundle): the first function declaration,
 * or variable initialised with a function, of that name. Lets a check follow a call into a policy function
 * that lives in another file (electron/main/web-policy.ts).
 */
export function functionResolver(files: readonly ts.SourceFile[]): FunctionResolver {
  return (name) => {
    for (const file of files) {
      const found = resolveIdentifier(name, file);
      if (isFunctionLike(found)) return found;
    }
    return undefined;
  };
}

/**
 * What a function can return: an arrow's expression body, or the operand of each `return` in its own body
 * (nested functions excluded; a bare `return` is `undefined`). Empty when it has no return at all.
 */
export function returnedExpressions(fn: ts.Node): (ts.Expression | undefined)[] {
  if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) return [fn.body];
  const out: (ts.Expression | undefined)[] = [];
  const body = isFunctionLike(fn) ? (fn as ts.FunctionLikeDeclaration).body : undefined;
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node) || ts.isMethodDeclaration(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node)) out.push(node.expression);
    node.forEachChild(visit);
  };
  body?.forEachChild(visit);
  return out;
}

function unwrap(expression: ts.Expression): ts.Expression {
  let inner = expression;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}

/**
 * Whether an expression is a call to a function (found by `resolve`) of which every return passes `test`, and
 * that returns at least once: the scan then knows the call's value as surely as a literal's.
 */
export function callReturnsOnly(
  expression: ts.Expression,
  resolve: FunctionResolver,
  test: (returned: ts.Expression) => boolean,
): boolean {
  const inner = unwrap(expression);
  if (!ts.isCallExpression(inner) || !ts.isIdentifier(inner.expression)) return false;
  const fn = resolve(inner.expression.text);
  if (!fn) return false;
  const returned = returnedExpressions(fn);
  return returned.length > 0 && returned.every((value) => value !== undefined && test(unwrap(value)));
}
