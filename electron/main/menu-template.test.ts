import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuInput } from './menu-template.ts';
import { shellStrings } from './strings.ts';

function input(overrides: Partial<MenuInput> = {}): MenuInput {
  return {
    platform: 'linux',
    isDev: false,
    appName: 'Face Commissioner',
    strings: shellStrings('en'),
    exportDiagnostics: () => undefined,
    ...overrides,
  };
}

function items(menu: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  return Array.isArray(menu?.submenu) ? menu.submenu : [];
}

function roles(menu: MenuItemConstructorOptions | undefined): (string | undefined)[] {
  return items(menu)
    .filter((item) => item.type !== 'separator')
    .map((item) => item.role ?? item.id);
}

function byLabel(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined {
  return template.find((menu) => menu.label === label);
}

describe('buildMenuTemplate', () => {
  it('gives macOS the app menu with About, Hide and Quit, and a Window menu', () => {
    const template = buildMenuTemplate(input({ platform: 'darwin' }));
    expect(template.map((menu) => menu.label)).toEqual(['Face Commissioner', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(roles(template[0])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(roles(byLabel(template, 'File'))).toEqual(['close']);
    expect(roles(byLabel(template, 'Edit'))).toContain('pasteAndMatchStyle');
    expect(roles(byLabel(template, 'Help'))).toEqual(['export-diagnostics']);
  });

  it('gives Windows and Linux File › Quit and About in Help, without an app or Window menu', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const template = buildMenuTemplate(input({ platform }));
      expect(template.map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Help']);
      expect(roles(byLabel(template, 'File'))).toEqual(['quit']);
      expect(roles(byLabel(template, 'Help'))).toEqual(['export-diagnostics', 'about']);
      expect(roles(byLabel(template, 'Edit'))).not.toContain('pasteAndMatchStyle');
    }
  });

  it('has the Edit roles that make copy and paste work in text fields', () => {
    const edit = roles(byLabel(buildMenuTemplate(input()), 'Edit'));
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']) expect(edit).toContain(role);
  });

  it('offers reload, zoom and developer tools only in development', () => {
    const dev = roles(byLabel(buildMenuTemplate(input({ isDev: true })), 'View'));
    expect(dev).toEqual([
      'reload',
      'forceReload',
      'toggleDevTools',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
    ]);
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const packaged = roles(byLabel(buildMenuTemplate(input({ platform })), 'View'));
      expect(packaged).toEqual(['togglefullscreen']);
    }
  });

  it('runs the export action from Help › Export Diagnostics', () => {
    const exportDiagnostics = vi.fn();
    const help = byLabel(buildMenuTemplate(input({ exportDiagnostics })), 'Help');
    const item = items(help).find((entry) => entry.id === 'export-diagnostics');
    expect(item?.label).toBe('Export Diagnostics…');
    (item?.click as () => void)();
    expect(exportDiagnostics).toHaveBeenCalledTimes(1);
  });

  it('labels the menus in the UI language', () => {
    const template = buildMenuTemplate(input({ strings: shellStrings('zh-CN') }));
    expect(template.map((menu) => menu.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(shellStrings('fr').helpMenu).toBe('Help');
  });
});
