import ts from 'typescript';
import {
  booleanValue,
  calleeName,
  callReturnsOnly,
  containsCall,
  functionResolver,
  leadingText,
  lineOf,
  parse,
  propertyName,
  resolveFunction,
  resolveIdentifier,
  walk,
  type Finding,
  type Rule,
  type SourceFile,
} from './findings.ts';

/** A webPreferences key and the value that is insecure (`unsafe: true` means "true is insecure"). */
const PREFERENCES: Record<string, { rule: Rule; severity: Finding['severity']; unsafe: boolean; why: string }> = {
  nodeIntegration: { rule: 'NODE_INTEGRATION', severity: 'high', unsafe: true, why: 'gives the page Node.js' },
  nodeIntegrationInWorker: { rule: 'NODE_INTEGRATION', severity: 'high', unsafe: true, why: 'gives workers Node.js' },
  nodeIntegrationInSubFrames: { rule: 'NODE_INTEGRATION', severity: 'high', unsafe: true, why: 'gives frames Node.js' },
  contextIsolation: {
    rule: 'CONTEXT_ISOLATION',
    severity: 'high',
    unsafe: false,
    why: 'lets the page reach the preload',
  },
  sandbox: { rule: 'SANDBOX', severity: 'high', unsafe: false, why: 'runs the renderer outside the sandbox' },
  webSecurity: { rule: 'WEB_SECURITY', severity: 'high', unsafe: false, why: 'turns off the same-origin policy' },
  allowRunningInsecureContent: { rule: 'INSECURE_CONTENT', severity: 'high', unsafe: true, why: 'runs http content' },
  experimentalFeatures: {
    rule: 'EXPERIMENTAL_FEATURES',
    severity: 'medium',
    unsafe: true,
    why: 'enables untested APIs',
  },
  webviewTag: { rule: 'WEBVIEW_TAG', severity: 'medium', unsafe: true, why: 'allows <webview>' },
  enableRemoteModule: { rule: 'REMOTE_MODULE', severity: 'high', unsafe: true, why: 'exposes main-process objects' },
};

/** Keys that only occur in webPreferences: an object literal with one of them is treated as preferences. */
const PREFERENCE_MARKERS = new Set([...Object.keys(PREFERENCES).filter((k) => k !== 'sandbox'), 'preload']);

const WINDOW_CONSTRUCTORS = new Set(['BrowserWindow', 'BrowserView', 'WebContentsView']);
const INSECURE_SWITCHES = new Set([
  'ignore-certificate-errors',
  'disable-web-security',
  'allow-running-insecure-content',
  'no-sandbox',
  'disable-site-isolation-trials',
  'remote-debugging-port',
]);
const SAFE_URL_FUNCTION = /^(safe|validated?|checked|allowed|trusted)/i;
const IPC_SEND_METHODS = new Set(['invoke', 'send', 'sendSync', 'sendToHost', 'postMessage', 'on', 'once']);

function isPreferencesObject(node: ts.ObjectLiteralExpression): boolean {
  const parent = node.parent;
  if (ts.isPropertyAssignment(parent) && propertyName(parent.name) === 'webPreferences') return true;
  return node.properties.some((p) => PREFERENCE_MARKERS.has(propertyName(p.name) ?? ''));
}

function isIpcRenderer(expression: ts.Expression): boolean {
  if (ts.isIdentifier(expression)) return expression.text === 'ipcRenderer';
  return ts.isPropertyAccessExpression(expression) && expression.name.text === 'ipcRenderer';
}

/** Whether a value handed to the page is `ipcRenderer` itself, one of its methods, or an object holding either. */
function exposesIpcRenderer(value: ts.Node | undefined, sourceFile: ts.SourceFile, depth = 0): boolean {
  if (!value || depth > 3) return false;
  if (ts.isIdentifier(value)) {
    return (
      value.text === 'ipcRenderer' ||
      exposesIpcRenderer(resolveIdentifier(value.text, sourceFile), sourceFile, depth + 1)
    );
  }
  if (ts.isPropertyAccessExpression(value)) return isIpcRenderer(value) || isIpcRenderer(value.expression);
  if (ts.isObjectLiteralExpression(value)) {
    return value.properties.some((property) => {
      if (ts.isShorthandPropertyAssignment(property)) return property.name.text === 'ipcRenderer';
      if (ts.isSpreadAssignment(property)) return exposesIpcRenderer(property.expression, sourceFile, depth + 1);
      if (ts.isPropertyAssignment(property)) return exposesIpcRenderer(property.initializer, sourceFile, depth + 1);
      return false;
    });
  }
  return false;
}

function enclosingParameters(node: ts.Node): Set<string> {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) {
      return new Set(current.parameters.flatMap((p) => (ts.isIdentifier(p.name) ? [p.name.text] : [])));
    }
  }
  return new Set();
}

function checkWindowConstructor(
  node: ts.NewExpression,
  report: (rule: Rule, node: ts.Node, message: string) => void,
): void {
  const [options] = node.arguments ?? [];
  const name = calleeName(node);
  const preferences =
    options && ts.isObjectLiteralExpression(options)
      ? options.properties.find((p) => propertyName(p.name) === 'webPreferences')
      : undefined;
  if (!preferences || !ts.isPropertyAssignment(preferences) || !ts.isObjectLiteralExpression(preferences.initializer)) {
    report('WEB_PREFERENCES_NOT_EXPLICIT', node, `new ${name} without a literal webPreferences object to check`);
    return;
  }
  const values = new Map(
    preferences.initializer.properties.flatMap((p) =>
      ts.isPropertyAssignment(p) ? [[propertyName(p.name), booleanValue(p.initializer)] as const] : [],
    ),
  );
  for (const [key, expected] of [
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
  ] as const) {
    if (values.get(key) !== expected) {
      report('WEB_PREFERENCES_NOT_EXPLICIT', node, `new ${name} must set ${key}: ${String(expected)} explicitly`);
    }
  }
}

/**
 * Checks one main-process or preload file (source or bundle) for the dangerous constructs that can be seen in
 * a single file: insecure webPreferences, windows without explicit secure preferences, unvalidated
 * `openExternal`, `http:` pages, `ipcRenderer` exposed to the page, raw channel pass-through, the remote module,
 * certificate errors accepted, insecure Chromium switches, permissions granted and electron-log's unchecked
 * IPC listener. `project` is the other files of the same process: a permission handler may answer through a
 * policy function declared there (electron/main/web-policy.ts), which the check follows.
 */
export function checkSourceFile(source: SourceFile, project: readonly SourceFile[] = []): Finding[] {
  const sourceFile = parse(source);
  const resolve = functionResolver([sourceFile, ...project.filter((other) => other !== source).map(parse)]);
  const surelyFalse = (value: ts.Expression): boolean =>
    booleanValue(value) === false || callReturnsOnly(value, resolve, (returned) => booleanValue(returned) === false);
  const findings: Finding[] = [];
  const report = (rule: Rule, node: ts.Node, message: string, severity: Finding['severity'] = 'high'): void => {
    findings.push({ rule, severity, file: source.file, line: lineOf(node), message });
  };

  walk(sourceFile, (node) => {
    if (ts.isObjectLiteralExpression(node) && isPreferencesObject(node)) {
      for (const property of node.properties) {
        const key = propertyName(property.name) ?? '';
        if (key === 'enableBlinkFeatures')
          report('BLINK_FEATURES', property, 'enableBlinkFeatures turns on Blink features', 'medium');
        const spec = PREFERENCES[key];
        if (!spec || !ts.isPropertyAssignment(property)) continue;
        const value = booleanValue(property.initializer);
        if (value === undefined || value === spec.unsafe) {
          const shown = value === undefined ? 'a value the scan cannot prove safe' : String(value);
          report(spec.rule, property, `${key}: ${shown} ${spec.why}`, spec.severity);
        }
      }
    }

    if (ts.isNewExpression(node) && WINDOW_CONSTRUCTORS.has(calleeName(node) ?? '')) {
      checkWindowConstructor(node, (rule, at, message) => report(rule, at, message, 'medium'));
    }

    if (ts.isStringLiteralLike(node) && node.text === '__ELECTRON_LOG__') {
      report(
        'UNCHECKED_IPC_LISTENER',
        node,
        "electron-log/main's IPC channel: a listener without the sender check",
        'medium',
      );
    }

    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const from = node.moduleSpecifier.text;
      const bindings = node.importClause?.namedBindings;
      const namesRemote =
        bindings &&
        ts.isNamedImports(bindings) &&
        bindings.elements.some((e) => (e.propertyName ?? e.name).text === 'remote');
      if (from.startsWith('@electron/remote') || (from === 'electron' && namesRemote)) {
        report('REMOTE_MODULE', node, 'the remote module exposes main-process objects to pages');
      }
    }

    if (ts.isPropertyAccessExpression(node) && node.name.text === 'remote') {
      const target = node.expression;
      const fromElectron =
        (ts.isIdentifier(target) && target.text === 'electron') ||
        (ts.isCallExpression(target) &&
          calleeName(target) === 'require' &&
          leadingText(target.arguments[0]) === 'electron');
      if (fromElectron) report('REMOTE_MODULE', node, 'electron.remote exposes main-process objects to pages');
    }

    if (!ts.isCallExpression(node)) return;
    const name = calleeName(node);
    const [first, second] = node.arguments;

    if (name === 'require' && leadingText(first)?.startsWith('@electron/remote')) {
      report('REMOTE_MODULE', node, 'the remote module exposes main-process objects to pages');
    }
    if (name === 'openExternal') {
      const text = leadingText(first);
      const literalOk =
        text !== undefined && /^(https:|mailto:)/.test(text) && ts.isStringLiteralLike(first as ts.Expression);
      const validated =
        first !== undefined && ts.isCallExpression(first) && SAFE_URL_FUNCTION.test(calleeName(first) ?? '');
      if (!literalOk && !validated) {
        report(
          'OPEN_EXTERNAL',
          node,
          'openExternal with a URL that is neither an https: literal nor passed through a safe*/validate* function',
        );
      }
    }
    if ((name === 'loadURL' || name === 'loadFile') && /^http:/i.test(leadingText(first) ?? '')) {
      report('HTTP_URL_LOADED', node, `${name} of an http: URL (no TLS)`);
    }
    if (
      (name === 'exposeInMainWorld' || name === 'exposeInIsolatedWorld') &&
      exposesIpcRenderer(node.arguments.at(-1), sourceFile)
    ) {
      report('RAW_IPC_EXPOSED', node, 'ipcRenderer (or one of its methods) handed to the page through contextBridge');
    }
    if (
      ts.isPropertyAccessExpression(node.expression) &&
      IPC_SEND_METHODS.has(node.expression.name.text) &&
      isIpcRenderer(node.expression.expression) &&
      first !== undefined &&
      ts.isIdentifier(first) &&
      enclosingParameters(node).has(first.text)
    ) {
      report(
        'IPC_CHANNEL_PASSTHROUGH',
        node,
        `ipcRenderer.${node.expression.name.text} with a channel name taken straight from the caller`,
        'medium',
      );
    }
    if (name === 'appendSwitch' && INSECURE_SWITCHES.has(leadingText(first) ?? '')) {
      report('INSECURE_SWITCH', node, `Chromium switch --${leadingText(first)} weakens the browser's protections`);
    }
    if (name === 'on' && leadingText(first) === 'certificate-error') {
      const handler = resolveFunction(second, sourceFile);
      if (handler && containsCall(handler, 'callback', (a) => booleanValue(a) === true)) {
        report('CERTIFICATE_ERROR', node, 'a certificate-error handler that accepts the certificate');
      }
    }
    if (name === 'setCertificateVerifyProc') {
      const handler = resolveFunction(first, sourceFile);
      if (handler && containsCall(handler, 'callback', (a) => ts.isNumericLiteral(a) && a.text === '0')) {
        report('CERTIFICATE_ERROR', node, 'a certificate verify proc that trusts certificates (callback(0))');
      }
    }
    if (name === 'setPermissionRequestHandler') {
      const handler = resolveFunction(first, sourceFile);
      if (handler && containsCall(handler, 'callback', (a) => !surelyFalse(a))) {
        report(
          'PERMISSION_GRANTED',
          node,
          'the permission request handler grants (or may grant) a permission',
          'medium',
        );
      }
    }
  });
  return findings;
}
