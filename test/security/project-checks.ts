import ts from 'typescript';
import {
  calleeName,
  callReturnsOnly,
  containsCall,
  functionResolver,
  leadingText,
  parse,
  propertyName,
  resolveFunction,
  walk,
  type Finding,
  type FunctionResolver,
  type SourceFile,
} from './findings.ts';

/** Guards every main process must install once it creates windows, and how to recognise each. */
const EVENT_GUARDS = ['will-navigate', 'will-redirect', 'will-attach-webview'] as const;

interface Seen {
  createsWindow: boolean;
  windowOpenDenied: boolean;
  windowOpenHandler: boolean;
  guardedEvents: Set<string>;
  webContentsCreated: boolean;
  permissionRequest: boolean;
  permissionCheck: boolean;
  enableSandbox: boolean;
  headersReceived: boolean;
}

function containsDeny(node: ts.Node): boolean {
  let found = false;
  walk(node, (child) => {
    if (ts.isStringLiteralLike(child) && child.text === 'deny') found = true;
  });
  return found;
}

/** `'deny'`, or `{ action: 'deny' }`: what a window-open policy function may return. */
function isDenyValue(value: ts.Expression): boolean {
  if (ts.isStringLiteralLike(value)) return value.text === 'deny';
  if (!ts.isObjectLiteralExpression(value)) return false;
  return value.properties.some(
    (property) =>
      ts.isPropertyAssignment(property) &&
      propertyName(property.name) === 'action' &&
      ts.isStringLiteralLike(property.initializer) &&
      property.initializer.text === 'deny',
  );
}

/** Whether a handler calls a function of the process (web-policy.ts's windowOpenDecision) that only denies. */
function callsDenyingPolicy(handler: ts.Node, resolve: FunctionResolver): boolean {
  let found = false;
  walk(handler, (node) => {
    if (!found && ts.isCallExpression(node) && callReturnsOnly(node, resolve, isDenyValue)) found = true;
  });
  return found;
}

/**
 * Checks what the main process as a whole must do (over all its files, or its one bundle) when it creates
 * windows: deny `window.open` (setWindowOpenHandler answering deny, itself or through a policy function of the
 * process that can only answer deny), prevent `will-navigate`, `will-redirect`
 * and `will-attach-webview`, guard every new web contents (`web-contents-created`), install permission request
 * and check handlers, enforce the sandbox for all renderers (`app.enableSandbox()`), and send a CSP header
 * (`webRequest.onHeadersReceived`).
 */
export function checkMainProcess(sources: readonly SourceFile[]): Finding[] {
  const seen: Seen = {
    createsWindow: false,
    windowOpenDenied: false,
    windowOpenHandler: false,
    guardedEvents: new Set(),
    webContentsCreated: false,
    permissionRequest: false,
    permissionCheck: false,
    enableSandbox: false,
    headersReceived: false,
  };
  const files = sources.map(parse);
  const resolve = functionResolver(files);
  for (const sourceFile of files) {
    walk(sourceFile, (node) => {
      if (ts.isNewExpression(node) && calleeName(node) === 'BrowserWindow') seen.createsWindow = true;
      if (!ts.isCallExpression(node)) return;
      const name = calleeName(node);
      const [first, second] = node.arguments;
      if (name === 'setWindowOpenHandler') {
        seen.windowOpenHandler = true;
        const handler = resolveFunction(first, sourceFile);
        if (handler && (containsDeny(handler) || callsDenyingPolicy(handler, resolve))) seen.windowOpenDenied = true;
      }
      if (name === 'on' || name === 'once' || name === 'addListener') {
        const event = leadingText(first);
        const handler = resolveFunction(second, sourceFile);
        if (
          event &&
          (EVENT_GUARDS as readonly string[]).includes(event) &&
          handler &&
          containsCall(handler, 'preventDefault')
        ) {
          seen.guardedEvents.add(event);
        }
        if (event === 'web-contents-created' && handler) seen.webContentsCreated = true;
      }
      if (name === 'setPermissionRequestHandler') seen.permissionRequest = true;
      if (name === 'setPermissionCheckHandler') seen.permissionCheck = true;
      if (name === 'enableSandbox') seen.enableSandbox = true;
      if (name === 'onHeadersReceived') seen.headersReceived = true;
    });
  }
  if (!seen.createsWindow) return [];

  const where = sources.length === 1 ? (sources[0]?.file ?? 'main') : 'main process';
  const findings: Finding[] = [];
  const report = (rule: Finding['rule'], severity: Finding['severity'], message: string): void => {
    findings.push({ rule, severity, file: where, line: 0, message });
  };
  if (!seen.windowOpenHandler)
    report('WINDOW_OPEN_HANDLER_MISSING', 'high', 'no setWindowOpenHandler: pages may open windows');
  else if (!seen.windowOpenDenied)
    report('WINDOW_OPEN_HANDLER_MISSING', 'high', "the setWindowOpenHandler never answers 'deny'");
  for (const event of EVENT_GUARDS) {
    if (!seen.guardedEvents.has(event))
      report('NAVIGATION_GUARD_MISSING', 'high', `no '${event}' handler that calls preventDefault`);
  }
  if (!seen.webContentsCreated) {
    report(
      'NAVIGATION_GUARD_MISSING',
      'medium',
      "no 'web-contents-created' guard for web contents other than the main window's",
    );
  }
  if (!seen.permissionRequest)
    report('PERMISSION_HANDLER_MISSING', 'high', 'no setPermissionRequestHandler: Electron grants by default');
  if (!seen.permissionCheck) report('PERMISSION_HANDLER_MISSING', 'medium', 'no setPermissionCheckHandler');
  if (!seen.enableSandbox) report('SANDBOX_NOT_ENFORCED', 'medium', 'app.enableSandbox() is not called before ready');
  if (!seen.headersReceived)
    report('CSP_HEADER_MISSING', 'medium', 'no webRequest.onHeadersReceived sending the CSP header');
  return findings;
}
