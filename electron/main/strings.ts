import type { Language } from '../../shared/domain/settings.ts';

/**
 * The few sentences the Electron shell shows itself (menus, native dialogs), in the UI's languages. The
 * renderer's texts live in renderer/src/i18n; menu items with a role get their labels from the OS.
 */
export interface ShellStrings {
  fileMenu: string;
  editMenu: string;
  viewMenu: string;
  windowMenu: string;
  helpMenu: string;
  exportDiagnostics: string;
  exportDiagnosticsTitle: string;
  exportDiagnosticsDone: (path: string) => string;
  exportDiagnosticsFailed: string;
  /** Title of the Save dialog of `files:save-as` (reports, job exports). */
  saveFileTitle: string;
  resumeTitle: string;
  resumeMessage: (jobs: number) => string;
  resumeDetail: (lines: string[]) => string;
  resumeNow: string;
  resumeLater: string;
}

const en: ShellStrings = {
  fileMenu: 'File',
  editMenu: 'Edit',
  viewMenu: 'View',
  windowMenu: 'Window',
  helpMenu: 'Help',
  exportDiagnostics: 'Export Diagnostics…',
  exportDiagnosticsTitle: 'Save diagnostics',
  exportDiagnosticsDone: (path) => `Diagnostics saved to ${path}. Passwords and tokens were removed.`,
  exportDiagnosticsFailed: 'Diagnostics could not be saved',
  saveFileTitle: 'Save file',
  resumeTitle: 'Unfinished jobs',
  resumeMessage: (jobs) =>
    jobs === 1
      ? 'A job was interrupted when the app closed. Resume it now?'
      : `${jobs} jobs were interrupted when the app closed. Resume them now?`,
  resumeDetail: (lines) => `${lines.join('\n')}\n\nChoose Later to resume them from the Jobs view.`,
  resumeNow: 'Resume',
  resumeLater: 'Later',
};

const zhCN: ShellStrings = {
  fileMenu: '文件',
  editMenu: '编辑',
  viewMenu: '视图',
  windowMenu: '窗口',
  helpMenu: '帮助',
  exportDiagnostics: '导出诊断信息…',
  exportDiagnosticsTitle: '保存诊断信息',
  exportDiagnosticsDone: (path) => `诊断信息已保存到 ${path}。其中的密码和令牌已删除。`,
  exportDiagnosticsFailed: '无法保存诊断信息',
  saveFileTitle: '保存文件',
  resumeTitle: '未完成的任务',
  resumeMessage: (jobs) =>
    jobs === 1 ? '应用关闭时有 1 个任务被中断。现在继续吗?' : `应用关闭时有 ${jobs} 个任务被中断。现在继续吗?`,
  resumeDetail: (lines) => `${lines.join('\n')}\n\n选择“稍后”可在“任务”页面中继续。`,
  resumeNow: '继续',
  resumeLater: '稍后',
};

/** The shell's strings in a UI language; an unknown language falls back to English. */
export function shellStrings(language: Language | string | undefined): ShellStrings {
  return language === 'zh-CN' ? zhCN : en;
}
