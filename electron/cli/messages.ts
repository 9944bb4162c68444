import type { ErrorPayload } from '../../shared/errors.ts';

/** The languages the CLI speaks (the saved `settings set --language`). */
export type CliLanguage = 'en' | 'zh-CN';

type Params = Record<string, unknown>;
type Sentence = (p: Params) => string;

/** A terminal kind in words. */
const KIND_WORDS: Record<CliLanguage, Record<string, string>> = {
  en: { basip: 'BAS-IP panel', sophon: 'Sophon terminal' },
  'zh-CN': { basip: 'BAS-IP 面板', sophon: 'Sophon 终端' },
};
const kindEn = (p: Params): string => KIND_WORDS.en[String(p.kind)] ?? String(p.kind);
const kindZh = (p: Params): string => KIND_WORDS['zh-CN'][String(p.kind)] ?? String(p.kind);

/**
 * The CLI's words for the core's message codes (`details.messageCode`, issue 18): what happened and the `fcom`
 * command that fixes it (never a GUI menu). The renderer has its own words (renderer/src/i18n/devices-views.*).
 */
export const CLI_MESSAGES: Record<string, Record<CliLanguage, Sentence>> = {
  'address.empty': {
    en: () => 'No address given. Run for example: fcom devices add 192.168.1.20',
    'zh-CN': () => '未给出地址。例如运行：fcom devices add 192.168.1.20',
  },
  'address.url-unreadable': {
    en: (p) => `"${p.text}" cannot be read as a URL. Run for example: fcom devices add http://192.168.1.20:80`,
    'zh-CN': (p) => `无法将“${p.text}”识别为 URL。例如运行：fcom devices add http://192.168.1.20:80`,
  },
  'address.scheme': {
    en: (p) => `"${p.text}": only http and https are spoken. Run for example: fcom devices add http://192.168.1.20`,
    'zh-CN': (p) => `“${p.text}”：仅支持 http 和 https。例如运行：fcom devices add http://192.168.1.20`,
  },
  'address.host': {
    en: (p) => `"${p.text}" is not a valid host name. Run for example: fcom devices add 192.168.1.20`,
    'zh-CN': (p) => `“${p.text}”不是有效的主机名。例如运行：fcom devices add 192.168.1.20`,
  },
  'address.port-range': {
    en: (p) => `"${p.text}" has a port outside 1-65535. Run for example: fcom devices add 192.168.1.20:5555`,
    'zh-CN': (p) => `“${p.text}”的端口不在 1-65535 之间。例如运行：fcom devices add 192.168.1.20:5555`,
  },
  'address.characters': {
    en: (p) => `"${p.text}" is not an address. Run for example: fcom devices add 192.168.1.20:5555`,
    'zh-CN': (p) => `“${p.text}”不是地址。例如运行：fcom devices add 192.168.1.20:5555`,
  },
  'address.ipv4-range': {
    en: (p) =>
      `"${p.text}" is not a valid IPv4 address (each part 0-255). Check the digits and run fcom devices add again.`,
    'zh-CN': (p) => `“${p.text}”不是有效的 IPv4 地址（每段 0-255）。请检查后重新运行 fcom devices add。`,
  },
  'subnet.form': {
    en: (p) => `"${p.text}" is not a subnet. Run for example: fcom devices sweep 192.168.1.0/24`,
    'zh-CN': (p) => `“${p.text}”不是子网。例如运行：fcom devices sweep 192.168.1.0/24`,
  },
  'subnet.prefix-range': {
    en: (p) => `"${p.text}" has a prefix outside /${p.max}-/32. Run for example: fcom devices sweep 192.168.1.0/24`,
    'zh-CN': (p) => `“${p.text}”的前缀不在 /${p.max}-/32 之间。例如运行：fcom devices sweep 192.168.1.0/24`,
  },
  'subnet.too-wide': {
    en: (p) => `"${p.text}" is wider than /${p.max}. Sweep it in parts, e.g.: fcom devices sweep 192.168.1.0/24`,
    'zh-CN': (p) => `“${p.text}”超过 /${p.max}。请分段扫描，例如：fcom devices sweep 192.168.1.0/24`,
  },
  'add.nothing-answers': {
    en: (p) =>
      `Nothing answers at ${p.host} (port ${p.ports}). Check the address, the cable and that the terminal is on, then run fcom devices add again.`,
    'zh-CN': (p) => `${p.host}（端口 ${p.ports}）没有应答。请检查地址、网线和终端电源，然后重新运行 fcom devices add。`,
  },
  'add.not-this-kind': {
    en: (p) =>
      `${p.host} does not answer like a ${kindEn(p)} on port ${p.ports} (${p.summary}). Check the port (usually ${p.usualPort}), or run fcom devices add ${p.host} without --kind to see what it answers.`,
    'zh-CN': (p) =>
      `${p.host} 在端口 ${p.ports} 上的应答不像 ${kindZh(p)}（${p.summary}）。请检查端口（通常为 ${p.usualPort}），或不带 --kind 运行 fcom devices add ${p.host} 查看其应答。`,
  },
  'add.not-this-kind-login': {
    en: (p) =>
      `${p.host} does not answer like a ${kindEn(p)} on port ${p.ports} (${p.summary}). Check the port (usually ${p.usualPort}); if it needs a login run fcom devices add ${p.host} --kind ${p.kind} --username USER --password -`,
    'zh-CN': (p) =>
      `${p.host} 在端口 ${p.ports} 上的应答不像 ${kindZh(p)}（${p.summary}）。请检查端口（通常为 ${p.usualPort}）；如需登录请运行 fcom devices add ${p.host} --kind ${p.kind} --username 用户名 --password -`,
  },
  'add.cancelled': {
    en: (p) => `Adding ${p.host} was cancelled: nothing was added.`,
    'zh-CN': (p) => `已取消添加 ${p.host}：未添加任何终端。`,
  },
  'people.credentials-refused': {
    en: (p) =>
      `Terminal ${p.serial} refused the credentials. Save the right ones: fcom devices add ${p.address} --kind ${p.kind} --username USER --password -`,
    'zh-CN': (p) =>
      `终端 ${p.serial} 拒绝了凭据。请保存正确的凭据：fcom devices add ${p.address} --kind ${p.kind} --username 用户名 --password -`,
  },
  'device.not-found': {
    en: (p) => `No terminal ${p.serial} in the inventory. List them with: fcom devices list`,
    'zh-CN': (p) => `清单中没有终端 ${p.serial}。用 fcom devices list 查看。`,
  },
  'job.not-found': {
    en: (p) => `No job id starts with "${p.prefix}". List the jobs with: fcom jobs list`,
    'zh-CN': (p) => `没有以“${p.prefix}”开头的作业 ID。用 fcom jobs list 查看作业。`,
  },
  'job.ambiguous': {
    en: (p) => `"${p.prefix}" starts ${p.count} job ids (${p.matches}). Type more of the id (see fcom jobs list).`,
    'zh-CN': (p) => `“${p.prefix}”匹配 ${p.count} 个作业 ID（${p.matches}）。请多输入几位（见 fcom jobs list）。`,
  },
  'people.unreachable': {
    en: (p) =>
      `Terminal ${p.serial} (${p.address}) did not list its people: it does not answer. Check the cable and that it is on, then run fcom devices check.`,
    'zh-CN': (p) =>
      `终端 ${p.serial}（${p.address}）未列出人员：它没有应答。请检查网线及终端是否开机，然后运行 fcom devices check。`,
  },
  'job.prefix-short': {
    en: (p) => `"${p.prefix}" is too short to name a job: give at least ${p.min} characters (see fcom jobs list).`,
    'zh-CN': (p) => `“${p.prefix}”太短，无法确定作业：至少输入 ${p.min} 个字符（见 fcom jobs list）。`,
  },
};

/** The CLI's sentence for an error with a known message code, or null (the core's own message is printed then). */
export function cliMessage(error: ErrorPayload, language: CliLanguage = 'en'): string | null {
  const details = error.details as { messageCode?: unknown; params?: unknown } | undefined;
  if (typeof details?.messageCode !== 'string') return null;
  const sentence = CLI_MESSAGES[details.messageCode]?.[language];
  if (!sentence) return null;
  const params = details.params && typeof details.params === 'object' ? (details.params as Params) : {};
  return sentence(params);
}
