import log from 'electron-log/node';
import { join } from 'node:path';
import { DEFAULT_KEEP, DEFAULT_MAX_SIZE, LOG_FILE_NAME, listLogFiles, rotateLogFiles } from './log-files.ts';
import { redactValue } from './redact.ts';

/** Where and how the app logs. */
export interface LoggingOptions {
  /** The logs directory (the app passes `<userData>/logs`). */
  logsDir: string;
  /** Size in bytes at which the log file is rotated; default 5 MB. */
  maxSize?: number;
  /** Rotated files kept; default 3. */
  keep?: number;
  /** Also print to the terminal (the app does; tests do not). */
  console?: boolean;
  /** Route `console.log/info/warn/error/debug` of the whole process through this logger (the app does). */
  captureConsole?: boolean;
  /** The app name electron-log reports; default Face Commissioner. */
  appName?: string;
}

/** The app's logger: levels, and where its files are. */
export interface AppLogger {
  error(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  info(...data: unknown[]): void;
  debug(...data: unknown[]): void;
  /** The current log file. */
  readonly file: string;
  /** Every log file, oldest first (rotated ones, then the current one). */
  files(): string[];
}

let instances = 0;

/**
 * Sets up logging with electron-log: a file under `logsDir` rotated at `maxSize` keeping `keep` old files,
 * optionally the console, and a hook that redacts secrets (redact.ts) from every message before any transport
 * sees it.
 *
 * It uses electron-log's Node entry (`electron-log/node`), not `electron-log/main`: importing the main entry
 * registers `__ELECTRON_LOG__` IPC listeners without a sender check, and its `initialize()` injects a preload so
 * pages can log; this app wants neither (the only IPC is the contract, behind the trusted-sender check). The
 * Node entry needs no Electron, so this module is unit-tested under plain Node.
 */
export function setupLogging(options: LoggingOptions): AppLogger {
  instances += 1;
  const logger = log.create({ logId: `fcom-${process.pid}-${instances}` });
  const file = join(options.logsDir, LOG_FILE_NAME);
  const keep = options.keep ?? DEFAULT_KEEP;

  logger.transports.file.setAppName(options.appName ?? 'Face Commissioner');
  logger.transports.file.resolvePathFn = () => file;
  logger.transports.file.maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  logger.transports.file.archiveLogFn = (oldFile) => rotateLogFiles(oldFile.path, keep);
  logger.transports.file.level = 'info';
  logger.transports.console.level = options.console ? 'debug' : false;
  logger.transports.remote.level = false;
  if (logger.transports.ipc) logger.transports.ipc.level = false;

  logger.hooks.push((message) => ({ ...message, data: message.data.map((item) => redactValue(item)) }));

  if (options.captureConsole) {
    console.log = logger.info;
    console.info = logger.info;
    console.warn = logger.warn;
    console.error = logger.error;
    console.debug = logger.debug;
  }

  return {
    error: logger.error,
    warn: logger.warn,
    info: logger.info,
    debug: logger.debug,
    file,
    files: () => listLogFiles(options.logsDir, LOG_FILE_NAME),
  };
}
