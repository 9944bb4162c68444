import type { MenuItemConstructorOptions } from 'electron';
import type { ShellStrings } from './strings.ts';

/** What the application menu depends on; everything is data, so the template is unit-tested per platform. */
export interface MenuInput {
  platform: NodeJS.Platform;
  /** Development build (not packaged): adds reload, zoom and developer tools. */
  isDev: boolean;
  appName: string;
  strings: ShellStrings;
  /** Help › Export Diagnostics. */
  exportDiagnostics: () => void;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/**
 * The application menu as a template for `Menu.buildFromTemplate`, following each OS's conventions:
 * - macOS: the app menu (About, Services, Hide, Hide Others, Show All, Quit), Edit, Window and Help; closing
 *   the window is in File.
 * - Windows and Linux: File (Quit), Edit, Help with About.
 * Edit carries the standard roles so copy and paste work in every text field. View (reload, zoom, developer
 * tools) exists only in development; a packaged build keeps only full screen there.
 */
export function buildMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const mac = input.platform === 'darwin';
  const { strings } = input;
  const template: MenuItemConstructorOptions[] = [];

  if (mac) {
    template.push({
      label: input.appName,
      submenu: [
        { role: 'about' },
        separator,
        { role: 'services' },
        separator,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        separator,
        { role: 'quit' },
      ],
    });
  }

  template.push({ label: strings.fileMenu, submenu: [mac ? { role: 'close' } : { role: 'quit' }] });

  template.push({
    label: strings.editMenu,
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  });

  template.push({
    label: strings.viewMenu,
    submenu: input.isDev
      ? [
          { role: 'reload' },
          { role: 'forceReload' },
          { role: 'toggleDevTools' },
          separator,
          { role: 'resetZoom' },
          { role: 'zoomIn' },
          { role: 'zoomOut' },
          separator,
          { role: 'togglefullscreen' },
        ]
      : [{ role: 'togglefullscreen' }],
  });

  if (mac) {
    template.push({
      label: strings.windowMenu,
      role: 'windowMenu',
      submenu: [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }],
    });
  }

  template.push({
    label: strings.helpMenu,
    role: 'help',
    submenu: [
      { id: 'export-diagnostics', label: strings.exportDiagnostics, click: () => input.exportDiagnostics() },
      ...(mac ? [] : [separator, { role: 'about' } as const]),
    ],
  });

  return template;
}
